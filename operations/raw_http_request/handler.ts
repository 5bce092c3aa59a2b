import { defineOperation, guardRawRequest, visibleResponseHeaders } from '../../src/sdk';
import type { RawHTTPRequestInput, RawHTTPRequestOutput } from '../../src/sdk';

const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export default defineOperation<RawHTTPRequestInput, RawHTTPRequestOutput>(async (input, ctx) => {
  const response = await ctx.rawRequest(guardRawRequest(input), { maxResponseBytes: MAX_RESPONSE_BYTES });
  // The client hands back parsed JSON, text, or null for an empty body: all JSON values.
  const body = (response.body ?? null) as RawHTTPRequestOutput['body'];
  return { status_code: response.status, headers: visibleResponseHeaders(response.headers), body };
});
