import http from 'node:http';
import https from 'node:https';
import { guardedLookup } from './destination-policy';

/**
 * Socket limits of the keep-alive agents. The credential is a header, not a socket property, so every
 * tenant of one org host shares that host's pool; the total cap bounds file descriptors however many
 * orgs and tenants a process serves.
 */
export const AGENT_LIMITS = {
  /** Connections open at once to one org host. */
  maxSocketsPerHost: 32,
  /** Idle connections kept per host for reuse. */
  maxFreeSocketsPerHost: 8,
  /** Connections open at once across every host; further requests queue until one frees. */
  maxTotalSockets: 256,
  /** An idle kept-alive connection is closed after this long. */
  idleSocketMs: 10_000,
} as const;

export type Agent = http.Agent;

/**
 * The one place an agent is made, so the destination policy's DNS `lookup` (it refuses private addresses
 * unless the operator listed the host) applies to every connection the connector opens.
 */
export function createAgent(protocol: 'http:' | 'https:'): Agent {
  const options: http.AgentOptions = {
    keepAlive: true,
    maxSockets: AGENT_LIMITS.maxSocketsPerHost,
    maxFreeSockets: AGENT_LIMITS.maxFreeSocketsPerHost,
    maxTotalSockets: AGENT_LIMITS.maxTotalSockets,
    // Node applies an agent's `timeout` to its free sockets and closes them when it fires.
    timeout: AGENT_LIMITS.idleSocketMs,
    scheduling: 'lifo',
    // The destination policy checks the address each connection is made to.
    lookup: guardedLookup,
  };
  return protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}

const agents = new Map<string, Agent>();

/**
 * The agent for requests to `origin`. Node keeps a separate pool per host inside one agent, so one agent
 * per protocol gives each org host its own pool while the total cap holds across all of them.
 */
export function agentFor(origin: string): Agent {
  const protocol = /^http:/i.test(origin) ? 'http:' : 'https:';
  let agent = agents.get(protocol);
  if (!agent) {
    agent = createAgent(protocol);
    agents.set(protocol, agent);
  }
  return agent;
}
