/**
 * What a request is for decides what becomes of an answer that is not a plain success. Redirects are never
 * followed (a redirect usually points off the org's API host); whether one is an error is decided here, once.
 */
export interface AnswerHandling {
  /** A 3xx: handed back as it is, or an error (the caller expected Okta's answer, not an empty success). */
  redirect: 'return' | 'fail';
  /** A 4xx/5xx left after retries: handed back as it is, or mapped to a ConnectorError. */
  errorStatus: 'return' | 'fail';
}

export const REQUEST_KINDS = {
  /** An operation's own requests and the pages of its lists. */
  operation: { redirect: 'fail', errorStatus: 'fail' },
  /** `raw_http_request`: every answer goes back to the caller as it came. */
  raw: { redirect: 'return', errorStatus: 'return' },
  /** The client used on its own: an HTTP client that does not follow redirects. */
  direct: { redirect: 'return', errorStatus: 'fail' },
} as const satisfies Record<string, AnswerHandling>;

export type RequestKind = keyof typeof REQUEST_KINDS;
