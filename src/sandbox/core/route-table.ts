import { Route } from './route-types';

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
  /** The pattern with every `:name` replaced by `:`, to find two families claiming the same route. */
  shape: string;
  /** Per segment, 0 for a literal and 1 for a parameter: literals sort first, so `/users/me` wins over `/users/:id`. */
  rank: number[];
}

export interface RouteMatch {
  route?: Route;
  params: Record<string, string>;
  /** True when the path exists but not for this method (405). */
  pathKnown: boolean;
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const segments = route.pattern.split('/').filter(Boolean);
  return {
    ...route,
    regex: new RegExp(`^${source}/?$`),
    names,
    shape: segments.map((s) => (s.startsWith(':') ? ':' : s)).join('/'),
    rank: segments.map((s) => (s.startsWith(':') ? 1 : 0)),
  };
}

function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++) {
    if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
  }
  return 0;
}

/**
 * Matches `/api/v1/users/:id` style patterns; one `:name` matches one encoded path segment. Each resource family
 * contributes its own routes in any order: the most literal pattern wins, and two families claiming the same
 * method and path is a startup error rather than a silent shadowing.
 */
export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    const compiled = routes.map(compile);
    const seen = new Set<string>();
    for (const route of compiled) {
      const key = `${route.method} ${route.shape}`;
      if (seen.has(key)) throw new Error(`Two sandbox routes claim ${route.method} ${route.pattern}`);
      seen.add(key);
    }
    this.routes = compiled.sort(bySpecificity);
  }

  match(method: string, path: string): RouteMatch {
    let pathKnown = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]);
      });
      return { route, params, pathKnown };
    }
    return { params: {}, pathKnown };
  }
}
