// Where a URL really points decides whether the API key may go with a request to it
// (webrun/origin.ts). Pinned case by case, so a mutant that widens "same origin" is caught.
import { describe, expect, it } from 'vitest';
import { originOf, resolveUrl, sameOrigin } from '../../src-main/core/webrun/origin';

describe('originOf', () => {
  it('names the scheme, host and port of a URL, resolving a relative one against the base', () => {
    expect(originOf('https://api.webrun.ai/poll/1')).toBe('https://api.webrun.ai');
    expect(originOf('/poll/1', 'http://127.0.0.1:4000/v1')).toBe('http://127.0.0.1:4000');
    expect(originOf('HTTPS://API.WEBRUN.AI:443/x')).toBe('https://api.webrun.ai');
  });
  it('says null for what is no URL, rather than throwing', () => {
    expect(originOf('not a url')).toBeNull();
    expect(originOf('/relative-without-base')).toBeNull();
    expect(originOf('http://[bad')).toBeNull();
  });
});

describe('sameOrigin', () => {
  const base = 'https://api.webrun.ai/v1';
  it('holds for the same scheme, host and port, and for a relative URL', () => {
    expect(sameOrigin('https://api.webrun.ai/task/1', base)).toBe(true);
    expect(sameOrigin('/task/1', base)).toBe(true);
    expect(sameOrigin('https://api.webrun.ai:443/task/1', base)).toBe(true);
  });
  it('fails for another host, scheme, port or a look-alike, and for no URL at all', () => {
    expect(sameOrigin('https://cdn.webrun.ai/file', base)).toBe(false);
    expect(sameOrigin('http://api.webrun.ai/task/1', base)).toBe(false);
    expect(sameOrigin('https://api.webrun.ai:8443/task/1', base)).toBe(false);
    expect(sameOrigin('https://api.webrun.ai.evil.example/task/1', base)).toBe(false);
    expect(sameOrigin('https://api.webrun.ai@evil.example/task/1', base)).toBe(false);
    expect(sameOrigin('http://[bad', base)).toBe(false);
    // Two unreadable URLs are not "the same origin" just because both read as null.
    expect(sameOrigin('http://[bad', 'also bad')).toBe(false);
  });
});

describe('resolveUrl', () => {
  it('keeps the base path of a base without a trailing slash', () => {
    expect(resolveUrl('task/1', 'http://127.0.0.1:4000/v1')).toBe(
      'http://127.0.0.1:4000/v1/task/1',
    );
    expect(resolveUrl('task/1', 'http://127.0.0.1:4000/v1/')).toBe(
      'http://127.0.0.1:4000/v1/task/1',
    );
    expect(resolveUrl('https://cdn.example/f', 'http://127.0.0.1:4000/v1')).toBe(
      'https://cdn.example/f',
    );
  });
  it('says null when the URL cannot be read', () => {
    expect(resolveUrl('http://[bad', 'http://127.0.0.1:4000/v1')).toBeNull();
    expect(resolveUrl('x', 'not a base')).toBeNull();
  });
});
