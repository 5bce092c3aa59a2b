import { useState } from 'react';
import { CallResult, failedCall, poll, TriggerEvent, unreachable } from './api';
import { EventList } from './event-list';
import { FormContext } from './lookup-widget';
import { BundledOperation, OperationForm } from './operation-form';
import { ResultPanel } from './output-panel';

/** The page keeps the newest events only. */
const KEEP = 500;

/** A polling trigger: each Poll continues from the checkpoint the last one returned for the same input. */
export function PollPanel({ form, context }: { form: BundledOperation; context: Omit<FormContext, 'data' | 'rootSchema'> }) {
  const [data, setData] = useState<Record<string, unknown>>({});
  const [events, setEvents] = useState<TriggerEvent[]>([]);
  const [kept, setKept] = useState<{ input: string; checkpoint: string; more?: boolean }>();
  const [problem, setProblem] = useState<CallResult>();
  const [busy, setBusy] = useState(false);

  async function run(input: Record<string, unknown>) {
    const key = JSON.stringify(input);
    // A checkpoint belongs to the input it was polled with: another filter starts over.
    const checkpoint = kept?.input === key ? kept.checkpoint : undefined;
    if (!checkpoint) setEvents([]);
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await poll(form.name, input, checkpoint);
      if (answer.outcome === 'error') setProblem(failedCall(answer.error));
      else {
        setEvents((shown) => [...shown, ...answer.value.events].slice(-KEEP));
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
      <OperationForm
        op={form}
        data={data}
        onChange={setData}
        context={context}
        idPrefix="root"
        error={problem?.outcome === 'error' ? problem.error : undefined}
        onSubmit={(input) => void run(input)}
        submitText={busy ? 'Polling…' : 'Poll'}
      />
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
