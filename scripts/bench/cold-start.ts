/** Cold start: fresh `node` processes to their first get_user result, the two contenders alternating. */
import { BENCH_TOKEN } from './okta-server';
import { runChild } from './processes';
import { median } from './stats';

export interface ColdStartFigures {
  contender: string;
  processes: number;
  /** Spawn to the result line, seen from the parent. */
  medianWallMs: number;
  /** The child's own clock: process start to result. */
  medianInProcessMs: number;
  /** CPU time the child used up to the result (user + system): what a loaded machine changes least. */
  medianCpuMs: number;
}

/** The library (`require` of the package, then `invoke`), the SDK, and the one-file Lambda bundle. */
const CHILDREN: Record<string, string> = { connector: 'cold-start-child.js', SDK: 'cold-start-child.js', 'connector Lambda bundle': 'cold-start-lambda-child.js' };

export async function coldStartBench(origin: string, processes: number): Promise<ColdStartFigures[]> {
  const contenders = Object.keys(CHILDREN);
  const wall = new Map(contenders.map((c) => [c, [] as number[]]));
  const inside = new Map(contenders.map((c) => [c, [] as number[]]));
  const cpu = new Map(contenders.map((c) => [c, [] as number[]]));
  for (let i = 0; i < processes + 1; i++) {
    for (const contender of i % 2 ? contenders : [...contenders].reverse()) {
      const { result, wallMs } = await runChild<{ inProcessMs: number; cpuMs: number }>(CHILDREN[contender], [contender, origin, BENCH_TOKEN]);
      if (i === 0) continue; // the first pair only warms the OS file cache
      wall.get(contender)!.push(wallMs);
      inside.get(contender)!.push(result.inProcessMs);
      cpu.get(contender)!.push(result.cpuMs);
    }
  }
  return contenders.map((contender) => ({
    contender,
    processes,
    medianWallMs: median(wall.get(contender)!),
    medianInProcessMs: median(inside.get(contender)!),
    medianCpuMs: median(cpu.get(contender)!),
  }));
}
