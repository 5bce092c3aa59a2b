/**
 * Writes docs/operations.md, the "Operations (sample payloads)" page: every public operation, then every DDL,
 * with its scopes, input fields and each sample's input and output (or error). `--check` fails on drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/core/package-files';
import { LoadedOperation, Registry } from '../src/runtime/registry';
import { dereferenceSchema } from '../src/bundle/dereference';
import { loadSchemaDocuments, Schema } from '../src/bundle/schema-documents';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (value: unknown) => '`' + (typeof value === 'string' ? value : JSON.stringify(value)) + '`';
const json = (value: unknown) => ['```json', JSON.stringify(value, null, 2), '```'].join('\n');

/** A readable type: `string (date-time)`, `array of string`, `"asc" \| "desc"`, with allOf wrappers looked through. */
function typeOf(schema: Schema): string {
  const inner = [schema, ...((schema.allOf ?? []) as Schema[])];
  const pick = <T>(key: string) => inner.map((s) => s[key] as T).find((v) => v !== undefined);
  const values = pick<unknown[]>('enum');
  if (values) return values.map((v) => JSON.stringify(v)).join(' | ');
  const type = pick<string | string[]>('type');
  const format = pick<string>('format');
  const items = pick<Schema>('items');
  const base = Array.isArray(type) ? type.join(' or ') : (type ?? (inner.some((s) => s.oneOf || s.anyOf) ? 'one of several shapes' : 'any'));
  if (base === 'array' && items) return `array of ${typeOf(items)}`;
  return format ? `${base} (${format})` : base;
}

interface Field {
  name: string;
  schema: Schema;
  required: boolean;
}

/** Input fields, nested object properties as `parent.child` (allOf members included). */
function fieldsOf(schema: Schema, prefix = ''): Field[] {
  const parts = [schema, ...((schema.allOf ?? []) as Schema[])];
  const required = new Set(parts.flatMap((s) => (s.required ?? []) as string[]));
  const seen = new Set<string>();
  return parts.flatMap((part) =>
    Object.entries((part.properties ?? {}) as Record<string, Schema>).flatMap(([key, field]) => {
      if (seen.has(key)) return [];
      seen.add(key);
      const name = prefix + key;
      const nested = field.properties || ((field.allOf ?? []) as Schema[]).some((s) => s.properties) ? fieldsOf(field, `${name}.`) : [];
      return [{ name, schema: field, required: required.has(key) }, ...nested];
    }),
  );
}

function lookupOf(schema: Schema): string {
  const lookup = (schema.lookup ?? ((schema.allOf ?? []) as Schema[]).map((s) => s.lookup).find(Boolean)) as { operation: string; input?: unknown } | undefined;
  if (!lookup) return '';
  return `[${code(lookup.operation)}](#${lookup.operation})${lookup.input ? ` with ${code(lookup.input)}` : ''}`;
}

function section(op: LoadedOperation, input: Schema): string {
  const { meta } = op;
  const lines = [`<a id="${meta.name}"></a>`, '', `## ${meta.title} (\`${meta.name}\`)`, '', meta.description, ''];
  lines.push(`**Scopes:** ${meta.scopes.length ? meta.scopes.map(code).join(', ') : 'those of the request made'}${meta.docs ? ` · **Okta API:** <${meta.docs}>` : ''}`, '');
  const fields = fieldsOf(input);
  lines.push('### Input', '');
  if (fields.length === 0) lines.push('No input.', '');
  else {
    lines.push('| Field | Type | Required | Default | Description | Lookup |', '| --- | --- | --- | --- | --- | --- |');
    for (const { name, schema, required } of fields) {
      const advanced = ((input.advanced ?? []) as string[]).includes(name) ? ' *(advanced)*' : '';
      const title = typeof schema.title === 'string' ? `**${schema.title}.** ` : '';
      const description = cell(`${title}${typeof schema.description === 'string' ? schema.description : ''}${advanced}`);
      lines.push(`| \`${name}\` | ${cell(typeOf(schema))} | ${required ? 'yes' : 'no'} | ${'default' in schema ? cell(code(schema.default)) : ''} | ${description} | ${lookupOf(schema)} |`);
    }
    lines.push('');
  }
  lines.push('### Samples', '');
  for (const [scenario, sample] of Object.entries(op.samples())) {
    lines.push(`#### \`${scenario}\``, '', sample.description, '', 'Input:', '', json(sample.input), '');
    if (sample.error !== undefined) lines.push('Error:', '', json(sample.error), '');
    else lines.push('Output:', '', json(sample.output), '');
  }
  return lines.join('\n');
}

export function generateDocs(root = packageRoot()): string {
  const registry = new Registry(root);
  const docs = loadSchemaDocuments(root);
  const ops = [...registry.operations.values()];
  const publicOps = ops.filter((op) => op.meta.type === 'public');
  const ddlOps = ops.filter((op) => op.meta.type === 'ddl');
  const toc = (list: LoadedOperation[]) => list.map((op) => `- [${op.meta.title}](#${op.meta.name}) — \`${op.meta.name}\``);
  const render = (op: LoadedOperation) => section(op, dereferenceSchema(docs, `operations/${op.meta.name}/input.schema.json`));
  return [
    '# Okta connector: operations (sample payloads)',
    '',
    '<!-- Generated by scripts/generate-docs.ts from operations/*. Do not edit: run `npm run gen:docs`. -->',
    '',
    `${publicOps.length} operations and ${ddlOps.length} dropdown (DDL) helpers. Every sample below is also a test: it is replayed against recorded Okta responses.`,
    '',
    '**Operations**',
    '',
    ...toc(publicOps),
    '',
    '**Dropdown helpers (DDL)**',
    '',
    ...toc(ddlOps),
    '',
    '# Operations',
    '',
    ...publicOps.map(render),
    '# Dropdown helpers (DDL)',
    '',
    ...ddlOps.map(render),
  ].join('\n').replace(/\n*$/, '\n');
}

if (require.main === module) {
  const root = packageRoot();
  const target = path.join(root, 'docs', 'operations.md');
  const generated = generateDocs(root);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== generated) {
      console.error('docs/operations.md is out of date with the operations: run `npm run gen:docs` and commit the result.');
      process.exit(1);
    }
    console.log('docs/operations.md is up to date');
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, generated);
    console.log(`wrote ${path.relative(root, target)}`);
  }
}
