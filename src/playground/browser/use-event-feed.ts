import { useEffect, useState } from 'react';
import { ConnectorErrorJson, readEvents, TriggerEvent } from './api';

const WAIT_MS = 20_000;
const RETRY_MS = 2_000;
/** The page keeps the newest events only, as the service's feed does. */
const KEEP = 500;

/**
 * While `subscriptionId` is set, long-polls its feed and collects what arrives; stops (and frees the
 * service's waiter) when the id changes or the view goes away.
 */
export function useEventFeed(trigger: string, subscriptionId: string | undefined) {
  const [events, setEvents] = useState<TriggerEvent[]>([]);
  const [error, setError] = useState<ConnectorErrorJson>();

  useEffect(() => {
    if (!subscriptionId) return;
    const abort = new AbortController();
    void (async () => {
      let cursor = 0;
      while (!abort.signal.aborted) {
        try {
          const answer = await readEvents(trigger, subscriptionId, cursor, WAIT_MS, abort.signal);
          if (answer.outcome === 'error') {
            setError(answer.error);
            await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
            continue;
          }
          setError(undefined);
          cursor = answer.value.cursor;
          const arrived = answer.value.events;
          if (arrived.length) setEvents((shown) => [...shown, ...arrived].slice(-KEEP));
        } catch (e) {
          if (abort.signal.aborted) return;
          setError({ type: 'connector_error', message: `The service could not be reached: ${(e as Error).message}` });
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
    })();
    return () => abort.abort();
  }, [trigger, subscriptionId]);

  return { events, error, clear: () => setEvents([]) };
}
