import type { OktaLogEvent, OktaTriggerEvent } from '../generated/types';

type Party = OktaTriggerEvent['actor'];

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function party(value: unknown): Party {
  const p = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  return { id: str(p.id), type: str(p.type), alternate_id: str(p.alternateId), display_name: str(p.displayName) };
}

/** The stable shape a workflow starts with, from one System Log event (hook delivery or poll alike). */
export function triggerEvent(raw: OktaLogEvent): OktaTriggerEvent {
  const outcome = (raw.outcome ?? {}) as Record<string, unknown>;
  return {
    uuid: raw.uuid,
    event_type: str(raw.eventType) ?? '',
    published: str(raw.published) ?? '',
    display_message: str(raw.displayMessage),
    severity: str(raw.severity),
    actor: party(raw.actor),
    targets: Array.isArray(raw.target) ? raw.target.map(party) : [],
    outcome: { result: str(outcome.result), reason: str(outcome.reason) },
    raw,
  };
}
