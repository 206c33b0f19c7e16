// Table-driven check of every documented response example (test/fixtures/webrun/responses.json).
// Each fixture names the spec section it comes from; `expect` lists only the fields that
// matter for it. `files` / `network` are counts. Socket fixtures also carry `eventName` and
// `expect.socket`, matched against parseSocketEvent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseTaskResponse, type NormaliseContext } from '../../src-main/core/webrun/normalise';
import { parseSocketEvent } from '../../src-main/core/webrun/socket-events';
import type { TaskOutcome } from '../../src-main/core/webrun/types';

interface Fixture {
  name: string;
  source: string;
  phase: NormaliseContext['phase'];
  requestUrl?: string;
  baseUrl?: string;
  eventName?: string;
  ctxSessionId?: string;
  body: unknown;
  expect: Record<string, unknown> & { state: string; socket?: Record<string, unknown> };
}

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/webrun/responses.json', import.meta.url), 'utf8'),
) as Fixture[];

/** Outcome fields compared as-is; the rest (files/network counts, socket) are special-cased. */
const SCALAR_FIELDS = [
  'state',
  'sessionId',
  'taskId',
  'pollUrl',
  'message',
  'code',
  'question',
  'completedAt',
  'usage',
] as const;

function checkOutcome(outcome: TaskOutcome, expected: Fixture['expect']): void {
  for (const field of SCALAR_FIELDS) {
    if (field in expected) expect(outcome[field], field).toEqual(expected[field]);
  }
  if ('files' in expected) expect(outcome.files, 'files').toHaveLength(expected.files as number);
  if ('network' in expected)
    expect(outcome.network, 'network').toHaveLength(expected.network as number);
}

describe('responses.json fixtures', () => {
  it('covers every section the brief lists', () => {
    const sections = ['§1.1', '§1.2', '§1.3', '§1.4', '§1.5', '§2', '§4', '§5.5', '§6', '§7'];
    for (const section of sections) {
      expect(
        fixtures.some((f) => f.source.includes(section)),
        section,
      ).toBe(true);
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('normalises %s', (_name, fixture) => {
    const outcome = normaliseTaskResponse(fixture.body, {
      phase: fixture.phase,
      requestUrl: fixture.requestUrl ?? null,
      baseUrl: fixture.baseUrl ?? null,
    });
    checkOutcome(outcome, fixture.expect);
    expect(outcome.raw).toBe(JSON.stringify(fixture.body));
  });

  const socketFixtures = fixtures.filter((f) => f.eventName !== undefined);
  it.each(socketFixtures.map((f) => [f.name, f] as const))(
    'parses socket event %s',
    (_name, fixture) => {
      const event = parseSocketEvent(fixture.eventName as string, fixture.body, {
        sessionId: fixture.ctxSessionId ?? null,
      });
      expect(event).toMatchObject(fixture.expect.socket ?? {});
    },
  );
});
