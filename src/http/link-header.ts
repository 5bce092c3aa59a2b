/**
 * Parses RFC 8288 `Link` headers into rel → URL. Okta sends one header line per link; some stacks join
 * repeated headers with ", ", so every entry of every value is read. Never splits URLs on `after=`.
 */
export function parseLinkHeader(value: string | string[] | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  const values = Array.isArray(value) ? value : value ? [value] : [];
  const entry = /<([^>]*)>((?:\s*;\s*[^;,=]+(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
  for (const header of values) {
    for (const match of header.matchAll(entry)) {
      const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(match[2]);
      const rels = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean);
      for (const name of rels) links[name.toLowerCase()] ??= match[1];
    }
  }
  return links;
}

/** The `after` cursor a `next` link carries, for callers that page one step at a time. */
export function cursorFromLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).searchParams.get('after');
  } catch {
    return null;
  }
}
