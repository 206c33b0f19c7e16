// A minimal route table: "METHOD /path/:param" templates, per-route auth and rate limiting.
import type { IncomingMessage } from 'node:http';
import type { Reply } from './http.ts';

export interface RouteInput {
  req: IncomingMessage;
  params: Record<string, string>;
  /** Parsed JSON body for `body: 'json'` routes, else {}. */
  body: Record<string, unknown>;
  /** The caller's key; null on routes where auth is optional and none (or a bad one) was sent. */
  apiKey: string | null;
}

export interface RouteDef {
  method: string;
  path: string;
  auth: 'required' | 'optional';
  /** Counted against the per-key request limit (§6.4). */
  limited?: boolean;
  /** 'json' parses the body before the handler; 'stream' leaves it to the handler. */
  body?: 'json' | 'stream' | 'none';
  handle(input: RouteInput): Reply | Promise<Reply>;
}

export interface RouteMatch {
  route: RouteDef;
  template: string;
  params: Record<string, string>;
}

export class Router {
  private readonly compiled: { route: RouteDef; pattern: RegExp; names: string[] }[];

  constructor(routes: RouteDef[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((part) => {
          if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(part.slice(1));
          return '([^/]+)';
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}/?$`), names };
    });
  }

  match(method: string, pathname: string): RouteMatch | null {
    for (const { route, pattern, names } of this.compiled) {
      if (route.method !== method) continue;
      const found = pattern.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = safeDecode(found[i + 1] ?? '');
      });
      return { route, template: `${route.method} ${route.path}`, params };
    }
    return null;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
