// One CSP builder for both hosts: the same policy in the Electron window and in browser mode
// (which adds only its WebSocket), and room for the live view's frame origin.
import { describe, expect, it } from 'vitest';
import {
  buildContentSecurityPolicy,
  META_CONNECT_SOURCES,
  META_FRAME_SOURCES,
  metaContentSecurityPolicy,
  withMetaPolicy,
} from '../../src-main/core/content-security-policy';
import { RENDERER_CSP } from '../../src-main/electron/window-security';
import { contentSecurityPolicy } from '../../src-main/web/security';

const directives = (csp: string): Map<string, string> =>
  new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d]));

describe('content security policy', () => {
  it('is the same in both hosts except for browser mode’s WebSocket', () => {
    const electron = directives(RENDERER_CSP);
    const browser = directives(contentSecurityPolicy(4321));
    expect([...browser.keys()]).toEqual([...electron.keys()]);
    for (const [name, value] of electron)
      if (name !== 'connect-src') expect(browser.get(name)).toBe(value);
    expect(electron.get('connect-src')).toBe("connect-src 'self'");
    expect(browser.get('connect-src')).toBe(
      "connect-src 'self' ws://127.0.0.1:4321 ws://localhost:4321",
    );
  });

  it('frames nothing but its own pages unless given frame origins', () => {
    expect(RENDERER_CSP).not.toContain('frame-src');
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    const csp = buildContentSecurityPolicy({
      frameOrigins: ['http://127.0.0.1:5050', 'https://live.webrun.example'],
    });
    expect(directives(csp).get('frame-src')).toBe(
      "frame-src 'self' http://127.0.0.1:5050 https://live.webrun.example",
    );
    expect(
      directives(contentSecurityPolicy(4321, ['http://127.0.0.1:5050'])).get('frame-src'),
    ).toBe("frame-src 'self' http://127.0.0.1:5050");
    expect(csp).toContain("frame-ancestors 'none'"); // framing others never lets others frame the app
  });

  it('refuses a frame origin that is not a bare origin, so no directive can be smuggled in', () => {
    for (const bad of [
      'http://a.example; script-src *',
      'http://a.example/path',
      '*',
      "'unsafe-inline'",
      'javascript:alert(1)',
      '',
    ]) {
      expect(() => buildContentSecurityPolicy({ frameOrigins: [bad] })).toThrow(/Not an origin/);
    }
  });
});

describe('the meta policy in the built index.html', () => {
  const meta = directives(metaContentSecurityPolicy());

  it('carries every directive of the header policy, word for word, but those a meta cannot hold', () => {
    for (const header of [RENDERER_CSP, contentSecurityPolicy(4321, ['http://127.0.0.1:5050'])]) {
      for (const [name, value] of directives(header)) {
        if (name === 'frame-ancestors')
          expect(meta.has(name)).toBe(false); // ignored in a meta
        else if (name !== 'connect-src' && name !== 'frame-src') expect(meta.get(name)).toBe(value);
      }
    }
    expect([...meta.keys()]).toEqual([
      'default-src',
      'script-src',
      'style-src',
      'img-src',
      'connect-src',
      'frame-src',
      'object-src',
      'base-uri',
      'form-action',
    ]);
  });

  it('admits what the header admits at run time (the backend is chosen then): loopback WebSocket, live-view frames', () => {
    expect(meta.get('connect-src')).toBe(`connect-src 'self' ${META_CONNECT_SOURCES.join(' ')}`);
    expect(meta.get('frame-src')).toBe(`frame-src 'self' ${META_FRAME_SOURCES.join(' ')}`);
    expect(meta.get('script-src')).toBe("script-src 'self'");
  });

  it('goes first in the head, before any script', () => {
    const html = withMetaPolicy(
      '<!doctype html><html><head><script src="./a.js"></script></head><body></body></html>',
    );
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy()}" />`,
    );
    expect(() => withMetaPolicy('<html><body></body></html>')).toThrow(/no <head>/);
  });
});
