// The browser-mode boundary. Any page on the user's machine can send requests to
// 127.0.0.1, so every request must prove it comes from our own page: the right Host (DNS
// rebinding), an Origin that is ours or absent, and the per-launch token.
import { timingSafeEqual } from 'node:crypto';
import { buildContentSecurityPolicy } from '../core/content-security-policy';

export interface BoundaryConfig {
  port: number;
  token: string;
  /** Extra origins allowed to call the API (the Vite dev server in `npm run dev`). */
  extraOrigins?: readonly string[];
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(config: BoundaryConfig): string[] {
  return [...allowedHosts(config.port).map((h) => `http://${h}`), ...(config.extraOrigins ?? [])];
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** A missing Origin is a same-origin GET or a non-browser client; a present one must be ours. */
export function originAllowed(origin: string | undefined, config: BoundaryConfig): boolean {
  return origin === undefined || allowedOrigins(config).includes(origin);
}

export function tokenMatches(presented: string | null | undefined, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** WebSockets cannot send headers from a page, so the token rides as a subprotocol. */
export const WS_PROTOCOL = 'webrun-desk';
export const WS_TOKEN_PREFIX = 'token.';

export function wsToken(protocolHeader: string | undefined): string | null {
  const offered = (protocolHeader ?? '').split(',').map((p) => p.trim());
  const entry = offered.find((p) => p.startsWith(WS_TOKEN_PREFIX));
  return entry ? entry.slice(WS_TOKEN_PREFIX.length) : null;
}

/** The pages' CSP in browser mode: also the WebSocket back to this server. */
export function contentSecurityPolicy(port: number, frameOrigins: readonly string[] = []): string {
  return buildContentSecurityPolicy({
    connect: allowedHosts(port).map((h) => `ws://${h}`),
    frameOrigins,
  });
}

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  token: string | null;
}

/** Why a request is refused, or null when it may proceed. */
export function refusalReason(
  facts: RequestFacts,
  config: BoundaryConfig,
  needsToken: boolean,
): string | null {
  if (!hostAllowed(facts.host, config.port)) return 'foreign Host header';
  if (!originAllowed(facts.origin, config)) return 'foreign Origin';
  if (needsToken && !tokenMatches(facts.token, config.token)) return 'missing or wrong token';
  return null;
}
