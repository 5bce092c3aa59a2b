/** The service's API as the page calls it: same origin, the caller key (if any) from this tab's session only. */

const KEY_STORAGE = 'okta-connector.caller-key';

export interface ConnectorErrorJson {
  type: string;
  message: string;
  status?: number;
  fields?: string[];
  okta?: Record<string, unknown>;
  requestId?: string;
  retryable?: boolean;
}

export type CallResult = { outcome: 'success'; output: unknown } | { outcome: 'error'; error: ConnectorErrorJson };

export const failedCall = (error: ConnectorErrorJson): CallResult => ({ outcome: 'error', error });
export const unreachable = (e: unknown): CallResult => failedCall({ type: 'connector_error', message: `The service could not be reached: ${(e as Error).message}` });

let onUnauthorized: () => void = () => undefined;

/** Called when the service answers 401 without an operation error: it wants a caller key. */
export function whenKeyNeeded(callback: () => void): void {
  onUnauthorized = callback;
}

export function setCallerKey(key: string): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

export const hasCallerKey = () => !!sessionStorage.getItem(KEY_STORAGE);

/** `keepalive` lets a request outlive the page (an unsubscribe sent as the tab closes). */
type RequestInit = { signal?: AbortSignal; keepalive?: boolean };

async function request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, init: RequestInit = {}): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), ...init });
  let json: any;
  try {
    json = await response.json();
  } catch {
    json = { outcome: 'error', error: { type: 'connector_error', message: `The service answered ${response.status} without JSON` } };
  }
  // The perimeter's 401 (no or wrong caller key) challenges with `WWW-Authenticate: Bearer`; a call's own
  // auth_error (Okta refused the org's credential) does not, and needs no key from the builder.
  const challenge = response.headers.get('WWW-Authenticate') ?? '';
  if (response.status === 401 && (/^Bearer\b/i.test(challenge) || method === 'GET')) onUnauthorized();
  return { status: response.status, json };
}

const path = (name: string, tail = '') => `/operations/${encodeURIComponent(name)}${tail}`;

export async function getJson<T>(url: string): Promise<T> {
  const { status, json } = await request('GET', url);
  if (status !== 200) throw new Error(json?.error?.message ?? `GET ${url} answered ${status}`);
  return json as T;
}

export async function callOperation(name: string, input: unknown, options?: Record<string, unknown>): Promise<CallResult> {
  const { json } = await request('POST', path(name, '/call'), { input, ...(options && Object.keys(options).length ? { options } : {}) });
  return json as CallResult;
}

export async function resolveSchema(name: string, side: 'input' | 'output', input: unknown): Promise<{ outcome: 'success'; schema: any } | { outcome: 'error'; error: ConnectorErrorJson }> {
  const { json } = await request('POST', path(name, '/schema'), { input, side });
  return json;
}

export const getSamples = (name: string) => getJson<{ samples: Record<string, Sample> }>(path(name, '/samples'));

export interface Sample {
  description: string;
  input: unknown;
  exchanges: Array<{ request: { method: string; path: string; query?: unknown; body?: unknown }; response: { status: number; body?: unknown } }>;
  output?: unknown;
  error?: Record<string, unknown>;
}

/** A trigger route's answer: its JSON on 2xx, otherwise the typed error it carries. */
export type TriggerAnswer<T> = { outcome: 'success'; value: T } | { outcome: 'error'; error: ConnectorErrorJson };

async function triggerCall<T>(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, init?: RequestInit): Promise<TriggerAnswer<T>> {
  const { status, json } = await request(method, url, body, init);
  if (status >= 200 && status < 300) return { outcome: 'success', value: json as T };
  return { outcome: 'error', error: json?.error ?? { type: 'connector_error', message: `The service answered ${status}` } };
}

const triggerPath = (name: string, tail = '') => `/triggers/${encodeURIComponent(name)}${tail}`;
const subscriptionPath = (name: string, id: string, tail = '') => triggerPath(name, `/subscriptions/${encodeURIComponent(id)}${tail}`);

export interface TriggerEvent {
  uuid: string;
  event_type: string;
  published: string;
  display_message?: string;
  [field: string]: unknown;
}

export const subscribe = (name: string, input: unknown) => triggerCall<{ id: string; state: Record<string, unknown> }>('POST', triggerPath(name, '/subscriptions'), { input });

export const unsubscribe = (name: string, id: string, keepalive = false) => triggerCall<{ id: string; deleted: boolean }>('DELETE', subscriptionPath(name, id), undefined, { keepalive });

/** Long-polls the subscription's feed for events after `cursor`, up to `waitMs`. */
export const readEvents = (name: string, id: string, cursor: number, waitMs: number, signal?: AbortSignal) =>
  triggerCall<{ events: TriggerEvent[]; cursor: number }>('GET', subscriptionPath(name, id, `/events?after=${cursor}&wait_ms=${waitMs}`), undefined, { signal });

export const poll = (name: string, input: unknown, checkpoint?: string) =>
  triggerCall<{ events: TriggerEvent[]; checkpoint: string; more?: boolean }>('POST', triggerPath(name, '/poll'), { input, ...(checkpoint ? { checkpoint } : {}) });
