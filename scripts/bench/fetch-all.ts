/** Fetch-all: each contender walks 10,000 users in child processes of its own, so memory figures do not mix. */
import { runChild } from './processes';
import { median } from './stats';

export interface FetchAllRun {
  contender: string;
  firstMs: number;
  warmMs: number;
  rssGrowth: number;
  peakHeapGrowth: number;
  retainedHeap: number;
  livePeakHeap: number;
  pageBytes: number;
  baselineRss: number;
}

export const FETCH_ALL_CONTENDERS = ['connector', 'raw axios', 'SDK'];

export async function fetchAllBench(origin: string, processes: number): Promise<FetchAllRun[]> {
  const runs = new Map(FETCH_ALL_CONTENDERS.map((c) => [c, [] as FetchAllRun[]]));
  for (let i = 0; i < processes; i++) {
    for (let k = 0; k < FETCH_ALL_CONTENDERS.length; k++) {
      const contender = FETCH_ALL_CONTENDERS[(i + k) % FETCH_ALL_CONTENDERS.length];
      const timed = await runChild<FetchAllRun>('fetch-all-child.js', ['timed', contender, origin, '5'], ['--expose-gc']);
      const live = await runChild<FetchAllRun>('fetch-all-child.js', ['live', contender, origin], ['--expose-gc']);
      runs.get(contender)!.push({ ...timed.result, ...live.result });
    }
  }
  return FETCH_ALL_CONTENDERS.map((contender) => {
    const all = runs.get(contender)!;
    const pick = (key: keyof Omit<FetchAllRun, 'contender'>) => median(all.map((r) => r[key]));
    return {
      contender,
      firstMs: pick('firstMs'),
      warmMs: pick('warmMs'),
      rssGrowth: pick('rssGrowth'),
      peakHeapGrowth: pick('peakHeapGrowth'),
      retainedHeap: pick('retainedHeap'),
      livePeakHeap: pick('livePeakHeap'),
      pageBytes: pick('pageBytes'),
      baselineRss: pick('baselineRss'),
    };
  });
}
