import { describe, expect, it } from 'vitest';
import { bearerToken, contentSecurityPolicy, refusalReason, tokenMatches, wsToken } from '../../src-main/web/security';

const config = { port: 4321, token: 'a'.repeat(48) };
const ok = { host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321', token: config.token };

describe('browser-mode boundary', () => {
  it('lets our own page through', () => {
    expect(refusalReason(ok, config, true)).toBeNull();
    expect(refusalReason({ ...ok, host: 'localhost:4321', origin: undefined }, config, true)).toBeNull();
  });

  it.each([
    ['a DNS-rebinding Host', { ...ok, host: 'evil.example:4321' }, 'foreign Host header'],
    ['a Host on another port', { ...ok, host: '127.0.0.1:80' }, 'foreign Host header'],
    ['no Host', { ...ok, host: undefined }, 'foreign Host header'],
    ['a foreign Origin', { ...ok, origin: 'https://evil.example' }, 'foreign Origin'],
    ['a null Origin (sandboxed iframe, file://)', { ...ok, origin: 'null' }, 'foreign Origin'],
    ['no token', { ...ok, token: null }, 'missing or wrong token'],
    ['a wrong token of the same length', { ...ok, token: 'b'.repeat(48) }, 'missing or wrong token'],
    ['a prefix of the token', { ...ok, token: 'a'.repeat(47) }, 'missing or wrong token'],
  ])('refuses %s', (_name, facts, reason) => {
    expect(refusalReason(facts, config, true)).toBe(reason);
  });

  it('accepts an extra origin only when configured (the dev server)', () => {
    const facts = { ...ok, origin: 'http://127.0.0.1:5173' };
    expect(refusalReason(facts, config, true)).toBe('foreign Origin');
    expect(refusalReason(facts, { ...config, extraOrigins: ['http://127.0.0.1:5173'] }, true)).toBeNull();
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

  it('allows frames from the backend origin only (a session\'s live view), none otherwise', () => {
    expect(contentSecurityPolicy(4321)).toContain("frame-src 'none'");
    expect(contentSecurityPolicy(4321, ['http://127.0.0.1:5555'])).toContain('frame-src http://127.0.0.1:5555;');
    // Anything that is not a plain origin (a wildcard, a path, a second directive) is dropped.
    expect(contentSecurityPolicy(4321, ['https://*.example.com', "https://a.example; script-src 'unsafe-eval'"])).toContain("frame-src 'none'");
  });
});
