/**
 * How long the okta_event_trigger request step takes for one delivery (Okta gives a hook 3 s to answer):
 * `npx tsx scripts/trigger-request-latency.ts`. Batches of 1, 100 and 1000 events, fresh event ids each time.
 */
import { randomUUID } from 'node:crypto';
import { DedupeWindow, handleTriggerRequest } from '../src';

const SECRET = 'latency-script-secret-0123456789abcdef';
const state = { hook_id: 'whoLatency0000000000', secret: SECRET, event_types: ['user.lifecycle.create'], delivery_url: 'https://example.com/x' };

function event() {
  return {
    uuid: randomUUID(), published: new Date().toISOString(), eventType: 'user.lifecycle.create', version: '0', severity: 'INFO', displayMessage: 'Create Okta user',
    actor: { id: '00uadmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Ada Admin' },
    outcome: { result: 'SUCCESS', reason: null }, target: [{ id: '00unew', type: 'User', alternateId: 'new@example.com', displayName: 'New Hire' }],
    client: { ipAddress: '198.51.100.7' }, debugContext: { debugData: {} },
  };
}

async function measure(batch: number, rounds: number): Promise<void> {
  const dedupe = new DedupeWindow();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const body = JSON.stringify({ eventType: 'com.okta.event_hook', data: { events: Array.from({ length: batch }, event) } });
    const started = performance.now();
    const result = await handleTriggerRequest('okta_event_trigger', { method: 'POST', headers: { authorization: SECRET }, body }, state, { dedupe });
    times.push(performance.now() - started);
    if (result.events.length !== batch) throw new Error('events lost');
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  console.log(`batch of ${batch}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms over ${rounds} deliveries`);
}

async function main() {
  await measure(1, 20); // warm-up: loads and compiles the handler and schemas
  for (const [batch, rounds] of [[1, 500], [100, 100], [1000, 20]]) await measure(batch, rounds);
}

void main();
