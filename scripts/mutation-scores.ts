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

const currentSources = new Map<string, string | undefined>();

/** The file's source as it is now (undefined once deleted), read once however many reports name it. */
function currentSource(file: string): string | undefined {
  if (!currentSources.has(file)) {
    try {
      currentSources.set(file, readFileSync(file, 'utf8'));
    } catch {
      currentSources.set(file, undefined);
    }
  }
  return currentSources.get(file);
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
      if (entries.length === 0) continue;
      const current = currentSource(file);
      if (current === undefined) continue;
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

function line(node: MetricsResult, depth: number, measured: Map<string, Measured>): string {
  const m = node.metrics;
  const score = Number.isNaN(m.mutationScore) ? '   n/a' : `${m.mutationScore.toFixed(1).padStart(5)} %`;
  const counts = `${m.totalDetected} detected, ${m.survived} survived, ${m.noCoverage} no coverage`;
  const source = node.file && measured.get(node.file.name);
  const from = source ? `  [${source.reports.join(' + ')}${source.stale ? ', STALE' : ''}]` : '';
  return `${'  '.repeat(depth)}${node.name.padEnd(40 - 2 * depth)} ${score}  (${counts})${from}`;
}

function print(node: MetricsResult, depth: number, measured: Map<string, Measured>): void {
  console.log(line(node, depth, measured));
  for (const child of node.childResults) print(child, depth + 1, measured);
}

const measured = existsSync(REPORTS) ? newestPerFile() : new Map<string, Measured>();
if (measured.size === 0) {
  console.log(`No Stryker report in ${REPORTS} yet: run \`npm run mutate\` first (docs/TESTING.md).`);
  process.exit(0);
}
const results: Record<string, FileResult> = {};
for (const [file, { result }] of measured) results[file] = result;
print(calculateMetrics(results), 0, measured);
const stale = [...measured].filter(([, m]) => m.stale).map(([file]) => file);
if (stale.length) console.log(`\nstale (changed since measured): ${stale.join(', ')}`);
