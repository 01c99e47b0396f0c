'use client';

import dynamic from 'next/dynamic';

/**
 * The chart library is the largest part of the bundle and nothing in a first live row needs it:
 * charts load after the page is interactive, in a placeholder of their own size so nothing moves.
 */
function placeholder(className: string) {
  return function ChartPlaceholder() {
    return <div className={className} aria-hidden="true" />;
  };
}

export const TurnoverChart = dynamic(() => import('@/components/kpis/kpi-charts').then((m) => m.TurnoverChart), {
  ssr: false,
  loading: placeholder('min-h-[7.5rem] min-w-0'),
});

export const CashChart = dynamic(() => import('@/components/kpis/kpi-charts').then((m) => m.CashChart), {
  ssr: false,
  loading: placeholder('min-h-[7.5rem] min-w-0'),
});

export const PotChart = dynamic(() => import('@/components/jackpots/pot-chart').then((m) => m.PotChart), {
  ssr: false,
  loading: placeholder('min-h-[30px] flex-1'),
});

export const PriceChart = dynamic(() => import('@/components/markets/price-chart').then((m) => m.PriceChart), {
  ssr: false,
  loading: placeholder('min-h-44 min-w-0 flex-1 border-t border-line'),
});
