// Composition root: opens the history, reads the backend settings, starts the backend (WebRun
// or the history's sandbox), then has wire-desk.ts wire the rest. Every host (Electron,
// browser-mode server, CLI) starts the app through createDesk and nothing else.
import { join } from 'node:path';
import { BackendSettings } from '../contract/schemas';
import type { Desk, DeskOptions } from './desk-types';
import { startBackend } from './backend';
import { dataDirOf, openStore, type OpenedStore } from './store/open-store';
import { SettingsStore } from './settings/settings-store';
import { plainCodec } from './secrets/secret-file';
import { SecretStore } from './secrets/secret-store';
import { wireDesk } from './wire-desk';

export type { Desk, DeskOptions } from './desk-types';

export async function createDesk(options: DeskOptions): Promise<Desk> {
  const opened = openStore(options.dbPath, { nativeBinding: options.nativeBinding });
  try {
    return await assemble(options, opened);
  } catch (error) {
    opened.db.close();
    throw error;
  }
}

async function assemble(options: DeskOptions, opened: OpenedStore): Promise<Desk> {
  const log = options.log ?? (() => {});
  const secrets =
    options.secrets ??
    new SecretStore(
      join(dataDirOf(opened.path), 'secrets.json'),
      plainCodec,
      options.apiKey ?? null,
    );
  const settings = new SettingsStore(opened.db);
  const saved = settings.get('backend', BackendSettings);
  // The environment (or a CLI flag) first, then what the user chose in Settings.
  options = {
    ...options,
    apiKey: saved.forceSandbox ? null : (options.apiKey ?? secrets.apiKey()),
    baseUrl: options.baseUrl ?? saved.baseUrl,
    generation: options.generation ?? saved.generation,
  };
  if (opened.readOnlyReason) log(opened.readOnlyReason);
  if (opened.backupPath)
    log(`History database backed up to ${opened.backupPath} before migrating.`);
  // No shared sandbox for a read-only history: its file could not be written beside it.
  const historyPath = opened.readOnlyReason ? undefined : opened.path;
  const backend = await startBackend({ ...options, historyPath }, log);
  try {
    return wireDesk(
      options,
      opened,
      { ...backend, generation: options.generation ?? 'gen2', startedWith: saved },
      secrets,
      settings,
      log,
    );
  } catch (error) {
    await backend.close();
    throw error;
  }
}
