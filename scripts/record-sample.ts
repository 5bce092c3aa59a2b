/**
 * npm run record -- <operation> --input '<json>' --name <scenario> [--description "..."] [--out <dir>] [--force]
 *
 * Runs the input against the embedded sandbox through the real dispatcher and writes
 * operations/<operation>/samples/<scenario>.json from what went over the wire, for a maintainer to review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { recordSample } from './samples/record';

const USAGE = "usage: npm run record -- <operation> --input '<json>' | --input @file.json --name <scenario> [--description \"...\"] [--out <dir>] [--force]";

function parseInput(text: string): unknown {
  const json = text.startsWith('@') ? fs.readFileSync(text.slice(1), 'utf8') : text;
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new Error(`--input is not JSON: ${(error as Error).message}`);
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { input: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || values.input === undefined || !values.name) {
    console.error(USAGE);
    return 2;
  }
  try {
    const { file, sample } = await recordSample({
      operation: positionals[0],
      input: parseInput(values.input),
      name: values.name,
      description: values.description,
      outDir: values.out,
      force: values.force,
    });
    const outcome = sample.error ? `error ${String(sample.error.type)}` : 'output';
    console.log(`wrote ${path.relative(process.cwd(), file)}: ${sample.exchanges.length} exchange(s), ${outcome}. Review it (description, ids) before committing.`);
    return 0;
  } catch (error) {
    console.error(`record: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
