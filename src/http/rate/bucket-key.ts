const OKTA_ID_SEGMENT = /^[0-9a-zA-Z]{20}$|@|%40/;

/**
 * Okta counts requests per bucket: the method plus the endpoint path. Ids (and logins) in the path are
 * folded so `/api/v1/users/00u1` and `/api/v1/users/00u2` share one bucket, as they do at Okta.
 */
export function bucketKey(method: string, path: string): string {
  const query = path.indexOf('?');
  const segments = (query < 0 ? path : path.slice(0, query)).split('/');
  for (let i = 0; i < segments.length; i++) if (OKTA_ID_SEGMENT.test(segments[i])) segments[i] = '{id}';
  return `${method.toUpperCase()} ${segments.join('/')}`;
}
