/** Small statistics helpers: quantiles over samples, medians over rounds. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
