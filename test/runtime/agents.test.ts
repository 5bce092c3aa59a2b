import http from 'node:http';
import https from 'node:https';
import { AGENT_LIMITS, agentFor, createAgent } from '../../src/http/agents';
import { guardedLookup } from '../../src/http/destination-policy';

type AgentInternals = http.Agent & { keepAlive: boolean; scheduling: string; options: http.AgentOptions };

describe('connection agents', () => {
  test.each(['http:', 'https:'] as const)('a %s agent keeps connections alive within the socket bounds, each checked by the destination policy', (protocol) => {
    const agent = createAgent(protocol) as AgentInternals;
    expect(agent).toBeInstanceOf(protocol === 'https:' ? https.Agent : http.Agent);
    expect(agent.keepAlive).toBe(true);
    expect(agent.maxSockets).toBe(AGENT_LIMITS.maxSocketsPerHost);
    expect(agent.maxFreeSockets).toBe(AGENT_LIMITS.maxFreeSocketsPerHost);
    expect(agent.maxTotalSockets).toBe(AGENT_LIMITS.maxTotalSockets);
    expect(agent.options.timeout).toBe(AGENT_LIMITS.idleSocketMs);
    expect(agent.scheduling).toBe('lifo');
    expect(agent.options.lookup).toBe(guardedLookup);
    agent.destroy();
  });

  test('the socket bounds are the ones docs/RELIABILITY.md states: 32 per host, 8 idle per host, 256 in total, idle closed after 10 s', () => {
    expect(AGENT_LIMITS).toEqual({ maxSocketsPerHost: 32, maxFreeSocketsPerHost: 8, maxTotalSockets: 256, idleSocketMs: 10_000 });
  });

  test('one agent per protocol, whatever the host: the total cap holds across every org', () => {
    const secure = agentFor('https://acme.okta.com');
    expect(secure).toBeInstanceOf(https.Agent);
    expect(agentFor('https://other.oktapreview.com')).toBe(secure);
    const plain = agentFor('http://127.0.0.1:8080');
    expect(plain).not.toBeInstanceOf(https.Agent);
    expect(plain).toBeInstanceOf(http.Agent);
    expect(agentFor('HTTP://localhost:9')).toBe(plain);
    expect(plain).not.toBe(secure);
  });
});
