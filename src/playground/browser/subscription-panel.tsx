import { useEffect, useRef, useState } from 'react';
import { CallResult, failedCall, subscribe, unreachable, unsubscribe } from './api';
import { EventList } from './event-list';
import { FormContext } from './lookup-widget';
import { BundledOperation, OperationForm } from './operation-form';
import { ResultPanel } from './output-panel';
import { useEventFeed } from './use-event-feed';

type Subscription = { id: string; state: Record<string, unknown> };

/**
 * A webhook trigger: subscribe with the form's input, watch the events arrive, unsubscribe. Leaving the view
 * or closing the tab unsubscribes too, so no Okta event hook outlives the page's interest in it.
 */
export function SubscriptionPanel({ form, context }: { form: BundledOperation; context: Omit<FormContext, 'data' | 'rootSchema'> }) {
  const [data, setData] = useState<Record<string, unknown>>({});
  const [subscription, setSubscription] = useState<Subscription>();
  const [problem, setProblem] = useState<CallResult>();
  const [busy, setBusy] = useState(false);
  const feed = useEventFeed(form.name, subscription?.id);
  const live = useRef<{ mounted: boolean; id?: string }>({ mounted: true });
  live.current.id = subscription?.id;

  useEffect(() => {
    const state = live.current;
    state.mounted = true;
    const drop = () => void (state.id && unsubscribe(form.name, state.id, true).catch(() => undefined));
    window.addEventListener('pagehide', drop);
    return () => {
      state.mounted = false;
      window.removeEventListener('pagehide', drop);
      drop();
    };
  }, [form.name]);

  async function act(step: () => Promise<void>) {
    setBusy(true);
    setProblem(undefined);
    await step().catch((e: unknown) => setProblem(unreachable(e)));
    setBusy(false);
  }
  const start = (input: Record<string, unknown>) =>
    act(async () => {
      const answer = await subscribe(form.name, input);
      if (answer.outcome === 'error') return setProblem(failedCall(answer.error));
      // The view went away while Okta's hook was being created and verified: undo it.
      if (!live.current.mounted) return void unsubscribe(form.name, answer.value.id, true).catch(() => undefined);
      feed.clear();
      setSubscription(answer.value);
    });
  const stop = () =>
    act(async () => {
      const answer = await unsubscribe(form.name, subscription!.id);
      if (answer.outcome === 'error') return setProblem(failedCall(answer.error));
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
        readonlyFields={subscription ? Object.keys(form.input_schema?.properties ?? {}) : undefined}
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
      {feed.error && <ResultPanel result={failedCall(feed.error)} label="Event feed" />}
      <EventList events={feed.events} empty={subscription ? 'Waiting for Okta to deliver events…' : 'Subscribe to see events arrive here.'} />
    </>
  );
}
