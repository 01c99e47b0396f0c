/** Formatters per currency: Intl.NumberFormat is costly to build and alarm messages need one per event. */
const formats = new Map<string, Intl.NumberFormat>();

/** An amount as staff read it on the floor: symbol and thousands separators, e.g. `€1,087.75`. */
export function formatMoney(amount: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formats.set(currency, format);
  }
  return format.format(amount);
}
