import nock from 'nock';
import { invoke } from '../src';
import { ConnectorError } from '../src/core/errors';
import { getRegistry, Sample } from '../src/runtime/registry';
import { replayExchanges, SAMPLE_AUTH, watchUnmatched, withLastBodyAltered } from './support/sample-harness';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const cases = [...getRegistry().operations.values()].flatMap((op) =>
  Object.entries(op.samples()).map(([scenario, sample]) => ({ op, scenario, sample })),
);

async function replay(name: string, sample: Sample): Promise<{ output?: unknown; error?: unknown; scopes: nock.Scope[] }> {
  const scopes = replayExchanges(sample);
  const watch = watchUnmatched();
  try {
    return { output: await invoke(name, sample.input, { auth: SAMPLE_AUTH, timeoutMs: 10_000 }), scopes };
  } catch (error) {
    return { error, scopes };
  } finally {
    watch.stop();
    // First, so that an extra request fails the test naming it (rather than as the api_error it became).
    expect({ requestsWithoutARecordedExchange: watch.unmatched }).toEqual({ requestsWithoutARecordedExchange: [] });
  }
}

describe.each(cases)('$op.meta.name / $scenario', ({ op, sample }) => {
  test(sample.description, async () => {
    const { output, error, scopes } = await replay(op.meta.name, sample);
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

  const altered = withLastBodyAltered(sample, (o) => op.validateOutput(o) as boolean);
  if (altered) {
    test(`its output follows the last response: ${altered.field || 'no string field the output schema lets change'}`, async () => {
      expect(altered.field).not.toBe('');
      nock.cleanAll();
      const again = await replay(op.meta.name, altered.sample);
      expect(again.error).toBeUndefined();
      expect(again.output).toEqual(altered.sample.output);
      expect(again.output).not.toEqual(sample.output);
    });
  }
});
