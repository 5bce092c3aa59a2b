import { PlatformMessage } from '../runtime/dispatch';

export type CallBody = Omit<PlatformMessage, 'operation'>;

const KEYS = new Set(['input', 'auth', 'options']);
/** Options a caller may set per call, with bounds so one request cannot hold the service for long. */
const OPTION_BOUNDS: Record<string, [number, number]> = { timeoutMs: [1, 900_000], maxRetries: [0, 10] };

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

export class CallBodyError extends Error {
  constructor(message: string, readonly fields: string[]) {
    super(message);
  }
}

/** Checks the envelope of a call (not the input: the operation's schema does that). */
export function parseCallBody(body: unknown): CallBody {
  if (!isObject(body)) throw new CallBodyError('The body must be a JSON object { "input": {...}, "auth"?: {...}, "options"?: {...} }', []);
  const unknown = Object.keys(body).filter((key) => !KEYS.has(key));
  if (unknown.length) throw new CallBodyError(`Unknown field(s) in the body: ${unknown.join(', ')}`, unknown);
  if (body.auth !== undefined && !isObject(body.auth)) throw new CallBodyError('auth must be an object', ['auth']);
  const options: Record<string, number | boolean> = {};
  if (body.options !== undefined) {
    if (!isObject(body.options)) throw new CallBodyError('options must be an object', ['options']);
    for (const [key, value] of Object.entries(body.options)) {
      if (key === 'dryRun') {
        if (typeof value !== 'boolean') throw new CallBodyError('options.dryRun must be true or false', ['options.dryRun']);
        options.dryRun = value;
        continue;
      }
      const bounds = OPTION_BOUNDS[key];
      if (!bounds) throw new CallBodyError(`options.${key} is not a known option (timeoutMs, maxRetries, dryRun)`, [`options.${key}`]);
      if (!Number.isInteger(value) || (value as number) < bounds[0] || (value as number) > bounds[1]) {
        throw new CallBodyError(`options.${key} must be a whole number from ${bounds[0]} to ${bounds[1]}`, [`options.${key}`]);
      }
      options[key] = value as number;
    }
  }
  return { input: body.input, auth: body.auth, options };
}
