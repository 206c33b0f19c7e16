// Preferences (runner, budget, backend) and the saved task templates.
import { z } from 'zod';
import {
  Template,
  type AllSettings,
  type DeskHandlers,
  type SettingsPatch,
} from '../../contract/index';
import { DeskError } from '../../contract/dispatch';
import { writableCheck } from '../store/writable';
import { schemaProblem } from './json-schema';
import type { SettingsStore } from './settings-store';

export interface SettingsContext {
  /** The preferences in use (live-settings.ts). */
  settings: { get(): AllSettings; update(patch: SettingsPatch): AllSettings };
  /** Templates and other small JSON kept in the database. */
  settingsStore: SettingsStore;
  readOnlyReason: string | null;
}

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
