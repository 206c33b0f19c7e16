// GET /live/:sessionId: the sandbox's stand-in for the streaming player (webViewURL). Plain
// HTML that re-renders every second with the simulated browser's URL and last action.
import type { SimSession } from './sessions.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function livePage(session: SimSession | undefined): { status: number; html: string } {
  if (!session)
    return { status: 404, html: page('Session not found', '<p>No such session.</p>', false) };
  const task = session.current;
  const rows: [string, string][] = [
    ['Session', session.id],
    ['Session state', session.active ? 'active' : `ended (${session.endReason ?? 'unknown'})`],
    ['Current URL', session.currentUrl ?? 'about:blank'],
    ['Last action', session.lastAction ?? '(none yet)'],
    ['Task', task ? `${task.id} (${task.state})` : '(no task)'],
    ['Control', session.controlledByUser ? 'user (agent paused)' : 'agent'],
  ];
  const table = rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const body = `<div class="bar">${escapeHtml(session.currentUrl ?? 'about:blank')}</div><table>${table}</table>
<p class="note">Simulated browser (WebRun Desk sandbox). No real pages are loaded.</p>`;
  return { status: 200, html: page('Sandbox browser', body, session.active) };
}

function page(title: string, body: string, refresh: boolean): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
${refresh ? '<meta http-equiv="refresh" content="1">' : ''}<title>${escapeHtml(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:0;background:#f4f4f5}.bar{background:#27272a;color:#fafafa;padding:8px 12px;font-family:monospace}
table{margin:16px;border-collapse:collapse}th{text-align:left;padding:4px 12px 4px 0;color:#52525b}td{font-family:monospace}.note{margin:16px;color:#71717a}</style>
</head><body>${body}</body></html>`;
}
