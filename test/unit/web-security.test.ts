import { describe, expect, it } from 'vitest';
import { liveViewFrameOrigins } from '../../src-main/core/content-security-policy';
import {
  bearerToken,
  contentSecurityPolicy,
  refusalReason,
  tokenMatches,
  wsToken,
} from '../../src-main/web/security';

const config = { port: 4321, token: 'a'.repeat(48) };
const ok = { host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321', token: config.token };

describe('browser-mode boundary', () => {
  it('lets our own page through', () => {
    expect(refusalReason(ok, config, true)).toBeNull();
    expect(
      refusalReason({ ...ok, host: 'localhost:4321', origin: undefined }, config, true),
    ).toBeNull();
  });

  it.each([
    ['a DNS-rebinding Host', { ...ok, host: 'evil.example:4321' }, 'foreign Host header'],
    ['a Host on another port', { ...ok, host: '127.0.0.1:80' }, 'foreign Host header'],
    ['no Host', { ...ok, host: undefined }, 'foreign Host header'],
    ['a foreign Origin', { ...ok, origin: 'https://evil.example' }, 'foreign Origin'],
    ['a null Origin (sandboxed iframe, file://)', { ...ok, origin: 'null' }, 'foreign Origin'],
    ['no token', { ...ok, token: null }, 'missing or wrong token'],
    [
      'a wrong token of the same length',
      { ...ok, token: 'b'.repeat(48) },
      'missing or wrong token',
    ],
    ['a prefix of the token', { ...ok, token: 'a'.repeat(47) }, 'missing or wrong token'],
  ])('refuses %s', (_name, facts, reason) => {
    expect(refusalReason(facts, config, true)).toBe(reason);
  });

  it('accepts an extra origin only when configured (the dev server)', () => {
    const facts = { ...ok, origin: 'http://127.0.0.1:5173' };
    expect(refusalReason(facts, config, true)).toBe('foreign Origin');
    expect(
      refusalReason(facts, { ...config, extraOrigins: ['http://127.0.0.1:5173'] }, true),
    ).toBeNull();
  });

  it('reads tokens from the Authorization header and the WebSocket subprotocols', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(wsToken('webrun-desk, token.xyz')).toBe('xyz');
    expect(wsToken('webrun-desk')).toBeNull();
    expect(tokenMatches('', 'x')).toBe(false);
  });

  it('serves a CSP without unsafe-eval or inline scripts', () => {
    const csp = contentSecurityPolicy(4321);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  it("allows frames from the backend origin only (a session's live view), its own pages otherwise", () => {
    expect(contentSecurityPolicy(4321)).not.toContain('frame-src');
    expect(
      contentSecurityPolicy(4321, liveViewFrameOrigins('http://127.0.0.1:5555/api/v1')),
    ).toContain("frame-src 'self' http://127.0.0.1:5555;");
    // A base URL that is not plain http(s) frames nothing rather than failing the page.
    for (const odd of ['file:///tmp/x', 'not a url', 'javascript:alert(1)', ''])
      expect(liveViewFrameOrigins(odd)).toEqual([]);
    expect(liveViewFrameOrigins('https://connect.webrun.ai')).toEqual([
      'https://connect.webrun.ai',
    ]);
  });
});
