/** Quotes a value for an Okta search/filter expression: `"` and `\` are escaped so input cannot end the literal. */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
