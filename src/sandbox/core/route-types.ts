/** One parsed request to the sandbox, as a route handler sees it. */
export interface SandboxRequest {
  method: string;
  /** Decoded path parameters named in the route pattern (`/api/v1/users/:id` → `params.id`). */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
  /** The org's base URL, for `_links` and `Link` headers. */
  baseUrl: string;
  /** The full request URL (path + query) as received. */
  url: URL;
}

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Most routes answer at once; a few (event hook verification) call out first. */
export type RouteHandler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express-style pattern: `/api/v1/users/:id/lifecycle/activate`. */
  pattern: string;
  handle: RouteHandler;
}
