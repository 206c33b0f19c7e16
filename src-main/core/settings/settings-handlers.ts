// Preferences (runner, budget, backend) and the saved task templates.
import { z } from 'zod';
import { Template, type DeskHandlers } from '../../contract/index';
import type { HandlerContext } from '../handlers/context';
import { writableCheck } from '../handlers/guards';
import { DeskError } from '../../contract/dispatch';
import { schemaProblem } from '../watches/checks';

export type SettingsContext = Pick<HandlerContext, 'settings' | 'settingsStore' | 'readOnlyReason'>;

/** The saved templates as stored (a setting holding a JSON list). */
export const Templates = z.array(Template).default([]);

type SettingsMethod =
  'settings.get' | 'settings.update' | 'templates.list' | 'templates.save' | 'templates.delete';

export function settingsHandlers(ctx: SettingsContext): Pick<DeskHandlers, SettingsMethod> {
  const writable = writableCheck(ctx.readOnlyReason);
  return {
    'settings.get': () => ctx.settings.get(),
    'settings.update': (input) => {
      writable();
      return ctx.settings.update(input);
    },
    'templates.list': () => ctx.settingsStore.get('templates', Templates),
    'templates.save': (input) => {
      writable();
      const stored = ctx.settingsStore.get('templates', Templates);
      const others = stored.filter((t) => t.name !== input.name);
      // Saved from the composer (no checks given): the template keeps the checks it had.
      const checks = input.checks ?? stored.find((t) => t.name === input.name)?.checks;
      const problems = (checks ?? []).flatMap((c) =>
        c.kind === 'schema' && c.schema ? (schemaProblem(c.schema) ?? []) : [],
      );
      if (problems.length > 0) throw new DeskError('invalid_input', problems.join(' '));
      const saved = checks === undefined ? input : { ...input, checks };
      const next = [...others, saved].sort((a, b) => a.name.localeCompare(b.name));
      ctx.settingsStore.set('templates', next);
      return next;
    },
    'templates.delete': (input) => {
      writable();
      const next = ctx.settingsStore
        .get('templates', Templates)
        .filter((t) => t.name !== input.name);
      ctx.settingsStore.set('templates', next);
      return next;
    },
  };
}
