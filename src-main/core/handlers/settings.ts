// Preferences (runner, budget, backend) and the saved task templates.
import { z } from 'zod';
import { Template, type DeskHandlers } from '../../contract/index';
import type { HandlerContext } from './context';
import { writableCheck } from './guards';

export type SettingsContext = Pick<HandlerContext, 'settings' | 'settingsStore' | 'readOnlyReason'>;

const Templates = z.array(Template).default([]);

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
      const others = ctx.settingsStore
        .get('templates', Templates)
        .filter((t) => t.name !== input.name);
      const next = [...others, input].sort((a, b) => a.name.localeCompare(b.name));
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
