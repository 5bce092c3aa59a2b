/** Okta's X-Rate-Limit-* answer headers for a bucket, with a Date header from the same clock. */
export const rateLimitHeaders = (limit: number, remaining: number, resetInSeconds: number) => {
  const now = new Date();
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(Math.floor(now.getTime() / 1000) + resetInSeconds),
    date: now.toUTCString(),
  };
};
