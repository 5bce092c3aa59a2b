import { defineOperation, EVENT_HOOK_ELIGIBLE_TYPES } from '../../src/sdk';
import type { DdlOutput, ListEventHookEventTypesDDLInput } from '../../src/sdk';

export default defineOperation<ListEventHookEventTypesDDLInput, DdlOutput>(async (input) => {
  const words = (input.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = EVENT_HOOK_ELIGIBLE_TYPES.filter(({ type, label }) => words.every((word) => `${type} ${label}`.toLowerCase().includes(word)));
  return { result: matches.map(({ type, label }) => ({ text: `${label} (${type})`, value: type })) };
});
