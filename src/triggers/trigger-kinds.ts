import { OktaRequest, OktaResponse } from '../http/okta-request';

/** One HTTP request that arrived on a trigger's delivery URL. Header names are lower case. */
export interface TriggerHttpRequest {
  method: string;
  headers: Record<string, string | undefined>;
  /** The raw body, as received. */
  body?: string;
}

export interface TriggerHttpResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** What the request step hands back: the answer to Okta, and the events to start workflows with. */
export interface TriggerRequestResult<E> {
  response: TriggerHttpResponse;
  events: E[];
}

/** One page of a list, with the `next` link exactly as Okta gave it (a path on the org host), or null. */
export interface LinkedPage<T> {
  items: T[];
  next_link: string | null;
}

/** Okta access for create, destroy and poll: transport, auth, retries and errors live behind it. */
export interface TriggerOktaContext {
  request<T = unknown>(request: OktaRequest): Promise<OktaResponse<T>>;
  /** Reads one page; the `next` link must stay on the org host. */
  page<T = unknown>(request: OktaRequest): Promise<LinkedPage<T>>;
  /** Milliseconds since the epoch (replaceable in tests). */
  now(): number;
}

export interface TriggerCreateContext extends TriggerOktaContext {
  /** The URL the platform receives deliveries on. */
  deliveryUrl: string;
  /** A secret the runtime generated for this subscription; the handler decides where it goes. */
  secret: string;
}

export interface TriggerRequestContext {
  /** Compares a presented secret with the expected one in constant time. */
  secretMatches(presented: string | undefined, expected: string): boolean;
  /** True the first time an event id is seen for this subscription (a bounded window of recent ids). */
  firstSighting(eventId: string): boolean;
}

export interface PollResult<E> {
  events: E[];
  checkpoint: string;
}

/** A trigger's steps (Tray's lifecycle): webhook triggers have create/request/destroy, polling ones have poll. */
export interface TriggerHandler<I = any, S = any, E = any> {
  create?(input: I, ctx: TriggerCreateContext): Promise<S>;
  request?(request: TriggerHttpRequest, state: S, ctx: TriggerRequestContext): TriggerRequestResult<E> | Promise<TriggerRequestResult<E>>;
  destroy?(state: S, ctx: TriggerOktaContext): Promise<void>;
  poll?(input: I, checkpoint: string | undefined, ctx: TriggerOktaContext): Promise<PollResult<E>>;
}

export function defineTrigger<I, S, E>(handler: TriggerHandler<I, S, E>): TriggerHandler<I, S, E> {
  return handler;
}
