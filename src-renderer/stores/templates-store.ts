// Saved composer inputs to start from. The core keeps them (never credential values, only the
// sites' names) and answers every change with the full, sorted list.
import { create } from 'zustand';
import type { Template } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { attempt, toastInfo } from './toast-store';

interface TemplatesState {
  templates: Template[];
  loaded: boolean;
  load(): Promise<void>;
  save(template: Template): Promise<boolean>;
  remove(name: string): Promise<void>;
}

export const useTemplatesStore = create<TemplatesState>((set) => ({
  templates: [],
  loaded: false,
  async load() {
    const templates = await attempt(() => deskClient().call('templates.list', {}));
    if (templates) set({ templates, loaded: true });
  },
  async save(template) {
    const templates = await attempt(() => deskClient().call('templates.save', template));
    if (!templates) return false;
    set({ templates, loaded: true });
    toastInfo(`Template “${template.name}” saved.`);
    return true;
  },
  async remove(name) {
    const templates = await attempt(() => deskClient().call('templates.delete', { name }));
    if (!templates) return;
    // The Undo notice (guarded-actions.ts) says it was deleted.
    set({ templates });
  },
}));
