import { useEffect, useRef, useState } from 'react';
import { CallResult, ConnectorErrorJson, poll, subscribe, TriggerEvent, unsubscribe } from './api';
import { EventList } from './event-list';
import { FormContext } from './lookup-widget';
import { BundledOperation, OperationForm } from './operation-form';
import { ResultPanel } from './output-panel';
import { useEventFeed } from './use-event-feed';

export interface BundledTrigger {
  name: string;
  title: string;
  description: string;
  kind: 'webhook' | 'polling';
  input_schema: any;
  output_schema: any;
}

type Context = Omit<FormContext, 'data' | 'rootSchema'>;
const failed = (error: ConnectorErrorJson): CallResult => ({ outcome: 'error', error });
const unreachable = (e: unknown) => failed({ type: 'connector_error', message: `The service could not be reached: ${(e as Error).message}` });

/** A webhook trigger: subscribe with the form's input, watch the events arrive, unsubscribe. */
function SubscriptionPanel({ form, context }: { form: BundledOperation; context: Context }) {
  const [data, setData] = useState<Record<string, unknown>>({});
  const [subscription, setSubscription] = useState<{ id: string; state: Record<string, unknown> }>();
  const [problem, setProblem] = useState<CallResult>();
  const [busy, setBusy] = useState(false);
  const feed = useEventFeed(form.name, subscription?.id);
  const current = useRef<string>(undefined);
  current.current = subscription?.id;

  // Leaving the view drops the subscription, so no Okta event hook outlives the page's interest in it.
  useEffect(() => () => void (current.current && unsubscribe(form.name, current.current).catch(() => undefined)), [form.name]);

  async function act(step: () => Promise<void>) {
    setBusy(true);
    setProblem(undefined);
    await step().catch((e: unknown) => setProblem(unreachable(e)));
    setBusy(false);
  }
  const start = (input: Record<string, unknown>) =>
    act(async () => {
      const answer = await subscribe(form.name, input);
      if (answer.outcome === 'error') return setProblem(failed(answer.error));
      feed.clear();
      setSubscription(answer.value);
    });
  const stop = () =>
    act(async () => {
      const answer = await unsubscribe(form.name, subscription!.id);
      if (answer.outcome === 'error') return setProblem(failed(answer.error));
      setSubscription(undefined);
    });

  return (
    <>
      <OperationForm
        op={form}
        data={data}
        onChange={setData}
        context={context}
        idPrefix="root"
        error={problem?.outcome === 'error' ? problem.error : undefined}
        onSubmit={subscription ? undefined : (input) => void start(input)}
        submitText={busy ? 'Subscribing…' : 'Subscribe'}
      />
      {subscription && (
        <p className="subscription">
          Subscribed as <code>{subscription.id}</code> (Okta event hook <code>{String(subscription.state.hook_id ?? '')}</code>){' '}
          <button type="button" disabled={busy} onClick={() => void stop()}>
            Unsubscribe
          </button>
        </p>
      )}
      {problem && <ResultPanel result={problem} label="Subscription" />}
      {feed.error && <ResultPanel result={failed(feed.error)} label="Event feed" />}
      <EventList events={feed.events} empty={subscription ? 'Waiting for Okta to deliver events…' : 'Subscribe to see events arrive here.'} />
    </>
  );
}

/** A polling trigger: each Poll continues from the checkpoint the last one returned (for the same input). */
function PollPanel({ form, context }: { form: BundledOperation; context: Context }) {
  const [data, setData] = useState<Record<string, unknown>>({});
  const [events, setEvents] = useState<TriggerEvent[]>([]);
  const [kept, setKept] = useState<{ input: string; checkpoint: string; more?: boolean }>();
  const [problem, setProblem] = useState<CallResult>();
  const [busy, setBusy] = useState(false);

  async function run(input: Record<string, unknown>) {
    const key = JSON.stringify(input);
    const checkpoint = kept?.input === key ? kept.checkpoint : undefined;
    if (!checkpoint) setEvents([]);
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await poll(form.name, input, checkpoint);
      if (answer.outcome === 'error') setProblem(failed(answer.error));
      else {
        setEvents((shown) => [...shown, ...answer.value.events].slice(-500));
        setKept({ input: key, checkpoint: answer.value.checkpoint, more: answer.value.more });
      }
    } catch (e) {
      setProblem(unreachable(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <OperationForm op={form} data={data} onChange={setData} context={context} idPrefix="root" error={problem?.outcome === 'error' ? problem.error : undefined} onSubmit={(input) => void run(input)} submitText={busy ? 'Polling…' : 'Poll'} />
      {kept && (
        <p className="checkpoint">
          Checkpoint kept: the next Poll returns only newer events{kept.more ? ' (more are waiting: poll again)' : ''}.{' '}
          <button type="button" onClick={() => { setKept(undefined); setEvents([]); }}>
            Start over
          </button>
        </p>
      )}
      {problem && <ResultPanel result={problem} label="Poll" />}
      <EventList events={events} empty={kept ? 'No new events since the checkpoint.' : 'Poll to see the System Log events.'} />
    </>
  );
}

/** One trigger: its input form (the same renderer as operations) and, by kind, subscribe or poll. */
export function TriggerView({ trigger, context }: { trigger: BundledTrigger; context: Context }) {
  const form: BundledOperation = { ...trigger, type: 'trigger' };
  const Panel = trigger.kind === 'polling' ? PollPanel : SubscriptionPanel;
  return (
    <article className="operation trigger" aria-label={trigger.title}>
      <header>
        <h2>{trigger.title}</h2>
        <p className="op-name">
          <code>{trigger.name}</code> · {trigger.kind === 'polling' ? 'polling trigger' : 'event trigger (Okta event hook)'}
        </p>
        <p>{trigger.description}</p>
      </header>
      <Panel form={form} context={context} />
    </article>
  );
}
