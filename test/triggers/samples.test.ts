import nock from 'nock';
import { ConnectorError, createTrigger, DedupeWindow, destroyTrigger, handleTriggerRequest, pollTrigger } from '../../src';
import { getTriggerRegistry, LoadedTrigger, TriggerSample } from '../../src/triggers/trigger-registry';
import { replayExchanges, SAMPLE_AUTH } from '../support/sample-harness';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const cases = [...getTriggerRegistry().triggers.values()].flatMap((trigger) =>
  Object.entries(trigger.samples()).map(([scenario, sample]) => ({ name: trigger.meta.name, trigger, scenario, sample })),
);

/** Runs one sample's step through the library entry points, as a platform would call them. */
async function runStep(trigger: LoadedTrigger, sample: TriggerSample): Promise<unknown> {
  const name = trigger.meta.name;
  const options = { auth: SAMPLE_AUTH, timeoutMs: 10_000 };
  switch (sample.step) {
    case 'create':
      return createTrigger(name, sample.input, { ...options, deliveryUrl: sample.delivery_url!, secret: sample.secret });
    case 'request': {
      const dedupe = new DedupeWindow();
      const hookId = (sample.state as { hook_id: string }).hook_id;
      for (const id of sample.seen ?? []) dedupe.firstSighting(`${name}:${hookId}`, id);
      const { request } = sample;
      const body = request!.body === undefined ? undefined : JSON.stringify(request!.body);
      return handleTriggerRequest(name, { method: request!.method, headers: request!.headers, body }, sample.state, { dedupe });
    }
    case 'destroy':
      return (await destroyTrigger(name, sample.state, options)) ?? null;
    case 'poll':
      return pollTrigger(name, sample.input, sample.checkpoint, { ...options, now: undefined } as never);
  }
}

test('every trigger has samples for each of its steps, with a success and an error among them', () => {
  for (const trigger of getTriggerRegistry().triggers.values()) {
    const samples = Object.values(trigger.samples());
    const steps = trigger.meta.kind === 'webhook' ? ['create', 'request', 'destroy'] : ['poll'];
    expect([...new Set(samples.map((s) => s.step))].sort()).toEqual(steps.sort());
    expect(samples.some((s) => s.error)).toBe(true);
    expect(samples.some((s) => s.output !== undefined)).toBe(true);
  }
});

describe.each(cases)('$name / $scenario', ({ trigger, sample }) => {
  test(sample.description, async () => {
    const scopes = replayExchanges(sample as never);
    let output: unknown;
    let error: unknown;
    try {
      output = await runStep(trigger, sample);
    } catch (e) {
      error = e;
    }
    if (sample.error) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).toJSON()).toMatchObject(sample.error);
    } else {
      expect(error).toBeUndefined();
      expect(output).toEqual(sample.output);
    }
    // The hook secret never appears in an error, nor in the events a request emits.
    const secret = (sample.state as { secret?: string } | undefined)?.secret ?? sample.secret;
    if (secret) {
      expect(JSON.stringify(error instanceof ConnectorError ? error.toJSON() : null)).not.toContain(secret);
      expect(JSON.stringify((output as { events?: unknown })?.events ?? null)).not.toContain(secret);
    }
    for (const scope of scopes) expect(scope.pendingMocks()).toEqual([]);
  });
});
