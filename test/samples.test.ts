import nock from 'nock';
import { invoke } from '../src';
import { ConnectorError } from '../src/core/errors';
import { getRegistry } from '../src/runtime/registry';
import { replayExchanges, SAMPLE_AUTH } from './support/sample-harness';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const cases = [...getRegistry().operations.values()].flatMap((op) =>
  Object.entries(op.samples()).map(([scenario, sample]) => ({ op, scenario, sample })),
);

describe.each(cases)('$op.meta.name / $scenario', ({ op, sample }) => {
  test(sample.description, async () => {
    const scopes = replayExchanges(sample);
    let output: unknown;
    let error: unknown;
    try {
      output = await invoke(op.meta.name, sample.input, { auth: SAMPLE_AUTH, timeoutMs: 10_000 });
    } catch (e) {
      error = e;
    }
    if (sample.error) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).toJSON()).toMatchObject(sample.error);
      expect(sample.output).toBeUndefined();
    } else {
      expect(error).toBeUndefined();
      expect(output).toEqual(sample.output);
      const valid = op.validateOutput(structuredClone(output));
      expect(op.validateOutput.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
    for (const scope of scopes) expect(scope.pendingMocks()).toEqual([]);
  });
});
