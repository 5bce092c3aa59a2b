/**
 * Input validation alone, for the operation whose input schema has the most properties (counted at every
 * depth of the schema as written), with the input of its first success sample.
 */
import type { LoadedOperation } from '../../src/runtime/registry';
import { median, nowMs } from './stats';

export interface ValidationFigures {
  operation: string;
  properties: number;
  sample: string;
  /** The compiled validator on an input object (defaults already filled after the first call). */
  validatorPerSecond: number;
  /** What invoke does per call: a copy of the input (src/runtime/input-copy.ts), then the validator. */
  cloneAndValidatePerSecond: number;
}

function countProperties(schema: unknown): number {
  if (!schema || typeof schema !== 'object') return 0;
  const node = schema as Record<string, unknown>;
  const own = node.properties && typeof node.properties === 'object' ? Object.keys(node.properties).length : 0;
  return own + Object.values(node).reduce<number>((sum, child) => sum + countProperties(child), 0);
}

function rate(fn: () => void, rounds: number, roundMs: number): number {
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    const started = nowMs();
    let elapsed = 0;
    while (elapsed < roundMs) {
      for (let i = 0; i < 1000; i++) fn();
      calls += 1000;
      elapsed = nowMs() - started;
    }
    perRound.push(calls / (elapsed / 1000));
  }
  return median(perRound);
}

export function validationBench(): ValidationFigures {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getRegistry } = require('../../src/runtime/registry') as typeof import('../../src/runtime/registry');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validatedInput } = require('../../src/runtime/dispatch') as typeof import('../../src/runtime/dispatch');
  const ops: LoadedOperation[] = [...getRegistry().operations.values()];
  const op = ops.reduce((best, candidate) => (countProperties(candidate.inputSchema) > countProperties(best.inputSchema) ? candidate : best));
  const [sample, data] = Object.entries(op.samples()).find(([, s]) => s.output !== undefined) ?? [];
  if (!sample || !data) throw new Error(`${op.meta.name} has no success sample`);
  const input = structuredClone(data.input);
  if (!op.validateInput(input)) throw new Error(`${op.meta.name}/${sample} input is not valid`);
  rate(() => op.validateInput(input), 1, 200); // warm-up
  return {
    operation: op.meta.name,
    properties: countProperties(op.inputSchema),
    sample,
    validatorPerSecond: rate(() => op.validateInput(input), 5, 400),
    cloneAndValidatePerSecond: rate(() => validatedInput(op, data.input), 5, 400),
  };
}
