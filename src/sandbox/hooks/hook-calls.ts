import { OktaObject } from '../core/org';

/** Okta's outbound call rules for hooks: 3 s timeout, one retry after a timeout or a 5xx (4xx is not retried). */
export const HOOK_TIMEOUT_MS = 3_000;

export interface HookCallResult {
  ok: boolean;
  status?: number;
  body?: unknown;
}

function headersFor(hook: OktaObject, extra: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': 'Okta-Integrations' };
  for (const { key, value } of hook.channel.config.headers ?? []) if (key) headers[key] = value;
  const auth = hook.channel.config.authScheme;
  if (auth?.key && auth.value) headers[auth.key] = auth.value;
  return { ...headers, ...extra };
}

async function once(hook: OktaObject, method: 'GET' | 'POST', extra: Record<string, string>, body?: unknown): Promise<HookCallResult & { retry: boolean }> {
  try {
    const res = await fetch(hook.channel.config.uri, {
      method,
      headers: headersFor(hook, extra),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(HOOK_TIMEOUT_MS),
      redirect: 'manual',
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { ok: res.status >= 200 && res.status < 300, status: res.status, body: parsed, retry: res.status >= 500 };
  } catch {
    return { ok: false, retry: true };
  }
}

/** Calls the hook's endpoint as Okta does, retrying once after a timeout, a network error or a 5xx. */
export async function callHook(hook: OktaObject, method: 'GET' | 'POST', extra: Record<string, string>, body?: unknown): Promise<HookCallResult> {
  const first = await once(hook, method, extra, body);
  if (first.ok || !first.retry) return first;
  return once(hook, method, extra, body);
}
