type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => !!value && typeof value === 'object' && !Array.isArray(value);

/** Resolves a discriminator mapping (`#/components/schemas/X`) in the dereferenced document. */
export type MappingResolver = (ref: string) => unknown;

/** The schemas a value is checked against: allOf members all apply, a discriminator adds its branch, anyOf/oneOf offer each branch. */
function candidates(schema: Schema, value: unknown, resolve: MappingResolver, seen = new Set<Schema>()): Schema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const out: Schema[] = [schema];
  const discriminator = schema.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  const tag = discriminator?.propertyName && isObject(value) ? value[discriminator.propertyName] : undefined;
  const mapped = typeof tag === 'string' && discriminator?.mapping?.[tag] ? resolve(discriminator.mapping[tag]) : undefined;
  if (isObject(mapped)) out.push(...candidates(mapped, value, resolve, seen));
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    for (const sub of (schema[key] as Schema[] | undefined) ?? []) if (isObject(sub)) out.push(...candidates(sub, value, resolve, seen));
  }
  return out;
}

/**
 * Properties a request body sends that the spec does not declare (Okta ignores or rejects them), and read-only
 * ones. Objects the spec leaves open (`additionalProperties`, `x-okta-extensible`, or no properties at all,
 * e.g. custom profile attributes) accept anything. Where several schemas apply (allOf, a subtype, anyOf
 * branches) a property declared by any of them is known.
 */
export function undeclaredBodyProperties(schema: unknown, value: unknown, resolve: MappingResolver, at = ''): string[] {
  if (!isObject(schema)) return [];
  const all = candidates(schema, value, resolve);
  if (Array.isArray(value)) {
    const items = all.map((s) => s.items).filter(isObject);
    return items.length ? value.flatMap((item, i) => undeclaredBodyProperties({ allOf: items }, item, resolve, `${at}/${i}`)) : [];
  }
  if (!isObject(value)) return [];
  const declaring = all.filter((s) => isObject(s.properties));
  const open = all.some((s) => s.additionalProperties === true || isObject(s.additionalProperties) || s['x-okta-extensible'] === true);
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const defs = declaring.map((s) => (s.properties as Schema)[key]).filter(isObject);
    if (defs.length === 0) {
      if (!open && declaring.length > 0) problems.push(`${at}/${key} is not a property the spec declares here`);
      continue;
    }
    if (defs.some((d) => d.readOnly === true)) problems.push(`${at}/${key} is read-only`);
    problems.push(...undeclaredBodyProperties({ allOf: defs }, child, resolve, `${at}/${key}`));
  }
  return problems;
}
