import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it('writes the currency symbol, thousands separators and two decimals', () => {
    expect(formatMoney(1087.75, 'EUR')).toBe('€1,087.75');
    expect(formatMoney(1234567.5, 'GBP')).toBe('£1,234,567.50');
    expect(formatMoney(12, 'USD')).toBe('US$12.00');
  });
});
