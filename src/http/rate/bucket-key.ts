const OKTA_ID_SEGMENT = /^[0-9a-zA-Z]{20}$|@|%40/;
// Path words of Okta's API that are 20 letters long and would otherwise read as ids (from Okta's management spec).
const PATH_WORDS_LIKE_IDS = new Set(['authorizationServers']);
const isIdSegment = (segment: string) => OKTA_ID_SEGMENT.test(segment) && !PATH_WORDS_LIKE_IDS.has(segment);

/**
 * Okta counts requests per bucket: the method plus the endpoint path. Ids (and logins) in the path are
 * folded so `/api/v1/users/00u1` and `/api/v1/users/00u2` share one bucket, as they do at Okta.
 */
export function bucketKey(method: string, path: string): string {
  const query = path.indexOf('?');
  const segments = (query < 0 ? path : path.slice(0, query)).split('/');
  for (let i = 0; i < segments.length; i++) if (isIdSegment(segments[i])) segments[i] = '{id}';
  return `${method.toUpperCase()} ${segments.join('/')}`;
}
