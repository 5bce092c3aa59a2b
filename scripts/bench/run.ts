/**
 * `npm run bench` (not part of `npm test`): per-call, fetch-all, cold-start and validation figures for the
 * connector against raw axios and Okta's SDK, written to docs/BENCHMARKS.md. Runs compiled, from dist/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/core/package-files';
import { coldStartBench } from './cold-start';
import { connector, connectorBefore, rawAxios, sdk } from './contenders';
import { fetchAllBench } from './fetch-all';
import { machineInfo } from './machine';
import { perCallBench } from './per-call';
import { startServerProcess } from './processes';
import { BenchFigures, NOTES_MARKER, renderReport, verdicts } from './report';
import { validationBench } from './validation';

const QUICK = process.env.BENCH_QUICK === '1';
const OUT_FILE = process.env.BENCH_FILE ?? '/tmp/okta-connector-bench.json';

const log = (text: string) => process.stdout.write(`${text}\n`);

async function main() {
  const settings = QUICK
    ? { rounds: 3, callsPerRound: 200, warmup: 200, concurrency: 10, fetchAllProcesses: 1, coldStartProcesses: 3 }
    : { rounds: 8, callsPerRound: 500, warmup: 1000, concurrency: 10, fetchAllProcesses: 3, coldStartProcesses: 12 };
  const server = await startServerProcess();
  // The stand-in is a local test org: the destination policy needs it listed, here and in every child process.
  process.env.CONNECTOR_ALLOWED_DOMAINS = new URL(server.origin).host;
  try {
    log(`server ${server.origin}; per call ...`);
    const perCall = await perCallBench([connector(server.origin), connectorBefore(server.origin), rawAxios(server.origin), sdk(server.origin)], settings);
    log('fetch all ...');
    const fetchAll = await fetchAllBench(server.origin, settings.fetchAllProcesses);
    log('cold start ...');
    const coldStart = await coldStartBench(server.origin, settings.coldStartProcesses);
    log('validation ...');
    const validation = validationBench();
    const figures: BenchFigures = { date: new Date().toISOString().slice(0, 10), machine: machineInfo(), settings, perCall, fetchAll, coldStart, validation };
    fs.writeFileSync(OUT_FILE, `${JSON.stringify(figures, null, 2)}\n`);
    const doc = path.join(packageRoot(), 'docs', 'BENCHMARKS.md');
    const previous = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '';
    const notes = previous.includes(NOTES_MARKER) ? previous.slice(previous.indexOf(NOTES_MARKER) + NOTES_MARKER.length + 1) : '';
    fs.writeFileSync(doc, renderReport(figures, notes));
    for (const v of verdicts(figures)) log(`${v.met ? 'met   ' : 'MISSED'} ${v.target}: ${v.detail}`);
    log(`figures: ${OUT_FILE}; report: ${path.relative(process.cwd(), doc)}`);
  } finally {
    server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exitCode = 1;
});
