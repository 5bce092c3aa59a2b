/**
 * Per-call latency and throughput of get_user for each contender, sequentially and at concurrency 10.
 * Rounds rotate the contenders' order so drift (GC, CPU frequency, the server's JIT) hits each alike;
 * the figures are medians over rounds of each round's median, p99 and calls/s.
 */
import { Contender } from './contenders';
import { median, nowMs, quantile } from './stats';
import { userId } from './okta-server';

export interface ModeFigures {
  medianMs: number;
  p99Ms: number;
  callsPerSecond: number;
  calls: number;
}

export interface PerCallFigures {
  contender: Contender['name'];
  sequential: ModeFigures;
  concurrent: ModeFigures;
}

const ID_POOL = 1000;

async function measure(contender: Contender, calls: number, concurrency: number, offset: number) {
  const latencies: number[] = new Array(calls);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < calls; i = next++) {
      const started = nowMs();
      await contender.getUser(userId((offset + i) % ID_POOL));
      latencies[i] = nowMs() - started;
    }
  };
  const started = nowMs();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (nowMs() - started) / 1000;
  return { medianMs: median(latencies), p99Ms: quantile(latencies, 0.99), callsPerSecond: calls / seconds };
}

function summarise(rounds: Array<Omit<ModeFigures, 'calls'>>, calls: number): ModeFigures {
  return {
    medianMs: median(rounds.map((r) => r.medianMs)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    callsPerSecond: median(rounds.map((r) => r.callsPerSecond)),
    calls,
  };
}

export async function perCallBench(contenders: Contender[], options: { rounds: number; callsPerRound: number; warmup: number; concurrency: number }): Promise<PerCallFigures[]> {
  for (const contender of contenders) await measure(contender, options.warmup, 1, 0);
  for (const contender of contenders) await measure(contender, options.warmup, options.concurrency, 0);
  const sequential = contenders.map(() => [] as Array<Omit<ModeFigures, 'calls'>>);
  const concurrent = contenders.map(() => [] as Array<Omit<ModeFigures, 'calls'>>);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      sequential[index].push(await measure(contenders[index], options.callsPerRound, 1, round * 7));
      concurrent[index].push(await measure(contenders[index], options.callsPerRound, options.concurrency, round * 7));
    }
  }
  const total = options.rounds * options.callsPerRound;
  return contenders.map((contender, i) => ({
    contender: contender.name,
    sequential: summarise(sequential[i], total),
    concurrent: summarise(concurrent[i], total),
  }));
}
