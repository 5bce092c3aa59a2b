const OKTA_ID_SEGMENT = /^[0-9a-zA-Z]{20}$|@|%40/;

/**
 * Okta counts requests per bucket: the method plus the endpoint path. Ids (and logins) in the path are
 * folded so `/api/v1/users/00u1` and `/api/v1/users/00u2` share one bucket, as they do at Okta.
 */
export function bucketKey(method: string, path: string): string {
  const segments = path.split('?')[0].split('/').map((s) => (OKTA_ID_SEGMENT.test(s) ? '{id}' : s));
  return `${method.toUpperCase()} ${segments.join('/')}`;
}
