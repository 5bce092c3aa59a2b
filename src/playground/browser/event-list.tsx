import { TriggerEvent } from './api';

const targetNames = (event: TriggerEvent) =>
  ((event.targets as Array<{ display_name?: string | null; alternate_id?: string | null }> | undefined) ?? []).map((t) => t.alternate_id ?? t.display_name).filter(Boolean).join(', ');

/** The events a trigger delivered, oldest first; each one's full payload folded under it. */
export function EventList({ events, empty }: { events: TriggerEvent[]; empty: string }) {
  return (
    <section aria-label="Events" className="events" aria-live="polite">
      <h3>Events ({events.length})</h3>
      {events.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ol>
          {events.map((event) => (
            <li key={event.uuid}>
              <details>
                <summary>
                  <code>{event.event_type}</code> {event.display_message} <span className="hint">{targetNames(event)}</span> <time dateTime={event.published}>{event.published}</time>
                </summary>
                <pre>{JSON.stringify(event, null, 2)}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
