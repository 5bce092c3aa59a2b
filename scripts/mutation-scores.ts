/**
 * Mutation scores per folder and file, from every Stryker report in reports/mutation/ (`npm run mutate:scores`).
 * Areas are measured one run at a time (MUTATE_NAME), so each report holds a few files: for each file the newest
 * report whose `--mutate` named it counts (a report can also carry files its incremental file had from elsewhere). A file whose source changed since that report is marked stale: its figures
 * describe the code as it was. Stryker's own metrics library does the counting (killed and timed out over all
 * valid mutants; compile errors and ignored static mutants are left out, as in Stryker's report).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { calculateMetrics, MetricsResult } from 'mutation-testing-metrics';
import type { FileResult, MutationTestResult } from 'mutation-testing-report-schema';

const REPORTS = 'reports/mutation';

interface Measured {
  result: FileResult;
  report: string;
  stale: boolean;
}

function newestPerFile(): Map<string, Measured> {
  const reports = readdirSync(REPORTS)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, path: join(REPORTS, name), at: statSync(join(REPORTS, name)).mtimeMs }))
    .sort((a, b) => a.at - b.at);
  const files = new Map<string, Measured>();
  for (const report of reports) {
    const parsed = JSON.parse(readFileSync(report.path, 'utf8')) as MutationTestResult;
    const mutated = (parsed.config as { mutate?: string[] } | undefined)?.mutate ?? [];
    for (const [file, result] of Object.entries(parsed.files)) {
      if (!mutated.some((glob) => matchesGlob(file, glob))) continue;
      let current: string | undefined;
      try {
        current = readFileSync(file, 'utf8');
      } catch {
        current = undefined;
      }
      if (current !== undefined) files.set(file, { result, report: report.name.replace(/^mutation-?|\.json$/g, '') || '(default)', stale: current !== result.source });
    }
  }
  return files;
}

function line(node: MetricsResult, depth: number, measured: Map<string, Measured>, path: string): string {
  const m = node.metrics;
  const score = Number.isNaN(m.mutationScore) ? '   n/a' : `${m.mutationScore.toFixed(1).padStart(5)} %`;
  const counts = `${m.totalDetected} detected, ${m.survived} survived, ${m.noCoverage} no coverage`;
  const from = node.file ? `  [${measured.get(path)?.report}${measured.get(path)?.stale ? ', STALE' : ''}]` : '';
  return `${'  '.repeat(depth)}${node.name.padEnd(40 - 2 * depth)} ${score}  (${counts})${from}`;
}

function print(node: MetricsResult, depth: number, measured: Map<string, Measured>, prefix: string): void {
  const path = prefix ? `${prefix}/${node.name}` : node.name;
  console.log(line(node, depth, measured, path));
  for (const child of node.childResults) print(child, depth + 1, measured, path);
}

const measured = newestPerFile();
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
