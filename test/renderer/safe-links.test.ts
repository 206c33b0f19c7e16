// Which remote addresses the UI makes links: files only on the backend's documented hosts,
// pages only as absolute http(s) without credentials; everything else is plain text.
import { describe, expect, it } from 'vitest';
import {
  backendFileHref,
  shownName,
  webHost,
  webPageHref,
} from '../../src-renderer/features/common/safe-links';

const WEBRUN = 'https://connect.webrun.ai';
const SANDBOX = 'http://127.0.0.1:5050';

describe('backendFileHref', () => {
  it.each([
    [
      WEBRUN,
      'https://blobs.webrun.ai/files/report.zip',
      'https://blobs.webrun.ai/files/report.zip',
    ],
    [WEBRUN, 'https://connect.webrun.ai/files/x.csv', 'https://connect.webrun.ai/files/x.csv'],
    [
      SANDBOX,
      'http://127.0.0.1:5050/files/download/a/b.pdf',
      'http://127.0.0.1:5050/files/download/a/b.pdf',
    ],
  ])('%s: %s is a link', (backend, url, href) => {
    expect(backendFileHref(url, backend)).toBe(href);
  });

  it.each([
    [WEBRUN, 'file:///etc/passwd'],
    [WEBRUN, 'file://attacker.example/share/setup.exe'],
    [WEBRUN, 'data:text/html,<script>alert(1)</script>'],
    [WEBRUN, 'javascript:alert(1)'],
    [WEBRUN, '/files/report.zip'],
    [WEBRUN, '../../../etc/passwd'],
    [WEBRUN, '//evil.example/x.exe'],
    [WEBRUN, 'https://evil.example/report.zip'],
    [WEBRUN, 'https://blobs.webrun.ai.evil.example/report.zip'],
    [WEBRUN, 'http://blobs.webrun.ai/report.zip'],
    [WEBRUN, 'https://connect.webrun.ai@evil.example/x'],
    [SANDBOX, 'https://blobs.webrun.ai/files/report.zip'],
    [SANDBOX, 'http://127.0.0.1:5051/files/x'],
    [WEBRUN, ''],
    [WEBRUN, null],
  ])('%s: %s is plain text', (backend, url) => {
    expect(backendFileHref(url, backend)).toBeNull();
  });
});

describe('webPageHref and webHost', () => {
  it('keeps absolute http(s) addresses and nothing else', () => {
    expect(webPageHref('https://abc.webrun.ai/view')).toBe('https://abc.webrun.ai/view');
    expect(webHost('https://shop.example:8443/x')).toBe('shop.example:8443');
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      '/relative',
      '//proto.relative/x',
      'https://user:pw@example.com/',
      'https://',
      'not a url',
      undefined,
    ]) {
      expect(webPageHref(bad)).toBeNull();
      expect(webHost(bad)).toBeNull();
    }
  });
});

describe('shownName', () => {
  it('shows controls and bidi overrides as visible replacement characters', () => {
    expect(shownName('invoice\u202egpj.exe')).toBe('invoice\ufffdgpj.exe');
    expect(shownName('a\x1b[2Jb\u2066c')).toBe('a\ufffd[2Jb\ufffdc');
    expect(shownName('Zürich report.pdf')).toBe('Zürich report.pdf');
  });
});
