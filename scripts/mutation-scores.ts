/**
 * Mutation scores per folder and file, from every Stryker report in reports/mutation/ (`npm run mutate:scores`).
 * Areas are measured one run at a time (MUTATE_NAME), so each report holds a few files: for each file the newest
 * report whose `--mutate` named it counts (a report can also carry files its incremental file had from elsewhere). A file whose source changed since that report is marked stale: its figures
 * describe the code as it was. Stryker's own metrics library does the counting (killed and timed out over all
 * valid mutants; compile errors and ignored static mutants are left out, as in Stryker's report).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { calculateMetrics, MetricsResult } from 'mutation-testing-metrics';
import type { FileResult, MutationTestResult } from 'mutation-testing-report-schema';

const REPORTS = 'reports/mutation';

interface Measured {
  result: FileResult;
  /** The reports the figures come from, oldest first. */
  reports: string[];
  stale: boolean;
}

/** A `--mutate` entry: a glob, or one file with a line range (`src/x.ts:8-14`, used to re-measure a few lines). */
function parseMutate(entry: string): { glob: string; lines?: [number, number] } {
  const ranged = /^(.*):(\d+)-(\d+)$/.exec(entry);
  return ranged ? { glob: ranged[1], lines: [Number(ranged[2]), Number(ranged[3])] } : { glob: entry };
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * For each file, the newest report that mutated all of it; a newer report that mutated only some of its lines
 * replaces the mutants on those lines.
 */
function newestPerFile(): Map<string, Measured> {
  const reports = readdirSync(REPORTS)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, path: join(REPORTS, name), at: statSync(join(REPORTS, name)).mtimeMs }))
    .sort((a, b) => a.at - b.at);
  const files = new Map<string, Measured>();
  for (const report of reports) {
    const parsed = JSON.parse(readFileSync(report.path, 'utf8')) as MutationTestResult;
    const mutated = ((parsed.config as { mutate?: string[] } | undefined)?.mutate ?? []).map(parseMutate);
    const name = report.name.replace(/^mutation-?|\.json$/g, '') || '(default)';
    for (const [file, result] of Object.entries(parsed.files)) {
      const entries = mutated.filter((entry) => matchesGlob(file, entry.glob));
      const current = readIfPresent(file);
      if (entries.length === 0 || current === undefined) continue;
      const stale = current !== result.source;
      const ranges = entries.map((entry) => entry.lines);
      const before = files.get(file);
      if (ranges.some((range) => range === undefined) || !before) {
        files.set(file, { result, reports: [name], stale });
        continue;
      }
      const inRange = (mutant: FileResult['mutants'][number]) =>
        ranges.some((range) => mutant.location.start.line >= range![0] && mutant.location.start.line <= range![1]);
      const mutants = [...before.result.mutants.filter((mutant) => !inRange(mutant)), ...result.mutants.filter(inRange)];
      files.set(file, { result: { ...before.result, mutants }, reports: [...before.reports, name], stale: before.stale || stale });
    }
  }
  return files;
}

function line(node: MetricsResult, depth: number, measured: Map<string, Measured>, path: string): string {
  const m = node.metrics;
  const score = Number.isNaN(m.mutationScore) ? '   n/a' : `${m.mutationScore.toFixed(1).padStart(5)} %`;
  const counts = `${m.totalDetected} detected, ${m.survived} survived, ${m.noCoverage} no coverage`;
  const from = node.file ? `  [${measured.get(path)?.reports.join(' + ')}${measured.get(path)?.stale ? ', STALE' : ''}]` : '';
  return `${'  '.repeat(depth)}${node.name.padEnd(40 - 2 * depth)} ${score}  (${counts})${from}`;
}

function print(node: MetricsResult, depth: number, measured: Map<string, Measured>, prefix: string): void {
  const path = prefix ? `${prefix}/${node.name}` : node.name;
  console.log(line(node, depth, measured, path));
  for (const child of node.childResults) print(child, depth + 1, measured, path);
}

const measured = existsSync(REPORTS) ? newestPerFile() : new Map<string, Measured>();
if (measured.size === 0) {
  console.log(`No Stryker report in ${REPORTS} yet: run \`npm run mutate\` first (docs/TESTING.md).`);
  process.exit(0);
}
const results: Record<string, FileResult> = {};
for (const [file, { result }] of measured) results[file] = result;
const tree = calculateMetrics(results);
// The library names the root "All files" and keeps paths below it relative to the common folder.
const common = [...measured.keys()].reduce((a, b) => {
  const parts = a.split('/');
  const other = b.split('/');
  let i = 0;
  while (i < parts.length && parts[i] === other[i]) i++;
  return parts.slice(0, i).join('/');
});
const rootPrefix = measured.size === 1 ? '' : common;
console.log(line(tree, 0, measured, ''));
for (const child of tree.childResults) print(child, 1, measured, rootPrefix);
const stale = [...measured].filter(([, m]) => m.stale).map(([file]) => file);
if (stale.length) console.log(`\nstale (changed since measured): ${stale.join(', ')}`);
