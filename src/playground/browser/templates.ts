/** `lookup.input` values may name sibling fields as `{{{field}}}`: the DDL is called with their current values. */
const TEMPLATE = /\{\{\{\s*([A-Za-z0-9_.]+)\s*\}\}\}/g;

const valueAt = (data: unknown, path: string) =>
  path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);

/** The fields a lookup's input names. */
export function templateFields(input: Record<string, unknown> = {}): string[] {
  return [...new Set(Object.values(input).flatMap((v) => (typeof v === 'string' ? [...v.matchAll(TEMPLATE)].map((m) => m[1]) : [])))];
}

/**
 * The lookup's input with each template replaced by the named field's value from `data`. A value that is a
 * template alone keeps the field's type; `missing` lists named fields that are empty (the DDL must wait for them).
 */
export function resolveTemplates(input: Record<string, unknown> = {}, data: unknown): { input: Record<string, unknown>; missing: string[] } {
  const missing: string[] = [];
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== 'string') {
      resolved[key] = value;
      continue;
    }
    const whole = /^\{\{\{\s*([A-Za-z0-9_.]+)\s*\}\}\}$/.exec(value);
    if (whole) {
      const field = valueAt(data, whole[1]);
      if (field === undefined || field === null || field === '') missing.push(whole[1]);
      else resolved[key] = field;
      continue;
    }
    resolved[key] = value.replace(TEMPLATE, (_, name: string) => {
      const field = valueAt(data, name);
      if (field === undefined || field === null || field === '') missing.push(name);
      return field === undefined || field === null ? '' : String(field);
    });
  }
  return { input: resolved, missing: [...new Set(missing)] };
}

export function setAt(data: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!rest.length) return { ...data, [head]: value };
  const child = data[head] && typeof data[head] === 'object' ? (data[head] as Record<string, unknown>) : {};
  return { ...data, [head]: setAt(child, rest.join('.'), value) };
}

export { valueAt };
