import { Route } from './types';

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export interface RouteMatch {
  route?: Route;
  params: Record<string, string>;
  /** True when the path exists but not for this method (405). */
  pathKnown: boolean;
}

/** Matches `/api/v1/users/:id` style patterns; one `:name` matches one encoded path segment. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...route, regex: new RegExp(`^${source}/?$`), names };
    });
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
