import fs from 'node:fs';
import path from 'node:path';
import Ajv, { Options, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readJson } from '../core/package-files';

export type JsonSchema = Record<string, unknown>;

/** UI keywords the platform reads; ajv must know them to stay strict about everything else. */
const UI_KEYWORDS = ['lookup', 'advanced', 'enum_labels'];
/** UI formats with no validation meaning. */
const UI_FORMATS = ['code', 'text', 'datetime'];

/** The one ajv instance: every schema is added once and each validator compiled once. */
export function createAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, useDefaults: true, allowUnionTypes: true, ...extra });
  addFormats(ajv);
  for (const keyword of UI_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['object', 'array', 'string'] });
  for (const format of UI_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

/** The shared resource schemas in schemas/, each with `$id` equal to its path from the package root. */
export function loadSharedSchemas(root: string): JsonSchema[] {
  const dir = path.join(root, 'schemas');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => readJson<JsonSchema>(path.join(dir, f)));
}

export type { ValidateFunction };
