import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { plainCodec, SecretFile, type SecretCodec } from '../../src-main/core/secrets/secret-file';
import { SecretStore } from '../../src-main/core/secrets/secret-store';
import { tempDir } from '../helpers/temp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Stands in for safeStorage: reversible, and able to "forget" its key like a reset keychain. */
function fakeKeychain(storage: SecretCodec['storage'] = 'os') {
  let key = 'k1';
  const codec: SecretCodec = {
    storage,
    encode: (v) => Buffer.from(`${key}:${v}`).toString('base64'),
    decode: (s) => {
      const text = Buffer.from(s, 'base64').toString();
      if (!text.startsWith(`${key}:`))
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      return text.slice(key.length + 1);
    },
  };
  return { codec, rotate: () => (key = 'k2') };
}

describe('SecretStore', () => {
  it('keeps the API key encoded in a 0600 file and tells the UI only whether it is set', () => {
    const { codec } = fakeKeychain();
    const store = new SecretStore(join(dir, 'secrets.json'), codec);
    expect(store.status()).toMatchObject({
      apiKeySet: false,
      source: null,
      storage: 'os',
      warning: null,
    });
    store.setApiKey('wr_live_abcdef123456');
    expect(store.apiKey()).toBe('wr_live_abcdef123456');
    const status = store.status();
    expect(status).toMatchObject({ apiKeySet: true, source: 'saved', needsReentry: false });
    expect(JSON.stringify(status)).not.toContain('wr_live_abcdef123456');
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain('wr_live_abcdef123456');
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    store.clearApiKey();
    expect(store.apiKey()).toBeNull();
  });

  it('asks for the key again when it can no longer be decrypted, without throwing', () => {
    const keychain = fakeKeychain();
    const store = new SecretStore(join(dir, 'secrets.json'), keychain.codec);
    store.setApiKey('wr_live_abcdef123456');
    keychain.rotate();
    expect(store.apiKey()).toBeNull();
    expect(store.status()).toMatchObject({ apiKeySet: false, needsReentry: true });
    store.setApiKey('wr_live_new_key_7890');
    expect(store.status()).toMatchObject({ apiKeySet: true, needsReentry: false });
  });

  it('lets the environment key win and warns about weak storage', () => {
    const store = new SecretStore(
      join(dir, 'secrets.json'),
      fakeKeychain('basic_text').codec,
      'wr_from_env_123456',
    );
    expect(store.apiKey()).toBe('wr_from_env_123456');
    expect(store.status()).toMatchObject({ apiKeySet: true, source: 'env' });
    expect(store.status().warning).toMatch(/basic_text/);
    expect(new SecretStore(join(dir, 'plain.json'), plainCodec).status().warning).toMatch(/0600/);
  });

  it('refuses to save where no keychain is available', () => {
    const store = new SecretStore(join(dir, 'secrets.json'), {
      ...plainCodec,
      storage: 'unavailable',
    });
    expect(() => store.setApiKey('wr_live_abcdef123456')).toThrow(/WEBRUN_API_KEY/);
  });

  it('hands out credentials by site for a task, and reports the ones it cannot read', () => {
    const keychain = fakeKeychain();
    const store = new SecretStore(join(dir, 'secrets.json'), keychain.codec);
    store.saveCredentials('*.example.com', { email: 'ada@example.com', password: 'hunter2' });
    expect(store.status().credentialSites).toEqual(['*.example.com']);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain('hunter2');
    expect(store.credentialsFor(['*.example.com', 'other.org'])).toEqual({
      secrets: [
        { match: '*.example.com', fields: { email: 'ada@example.com', password: 'hunter2' } },
      ],
      unreadable: ['other.org'],
    });
    store.deleteCredentials('*.example.com');
    expect(store.status().credentialSites).toEqual([]);
  });

  it('answers a task naming no site without reading the secrets file (it is read at each send)', () => {
    const store = new SecretStore(join(dir, 'secrets.json'), plainCodec);
    store.saveCredentials('example.com', { password: 'hunter2' });
    const read = vi.spyOn(SecretFile.prototype, 'read');
    expect(store.credentialsFor([])).toEqual({ secrets: [], unreadable: [] });
    expect(read).not.toHaveBeenCalled();
    expect(store.credentialsFor(['example.com']).secrets).toHaveLength(1);
    expect(read).toHaveBeenCalledTimes(1);
    read.mockRestore();
  });

  it('treats a damaged secrets file as empty instead of crashing', () => {
    writeFileSync(join(dir, 'secrets.json'), '{not json');
    const store = new SecretStore(join(dir, 'secrets.json'), plainCodec);
    expect(store.status().apiKeySet).toBe(false);
    store.setApiKey('wr_live_abcdef123456');
    expect(store.apiKey()).toBe('wr_live_abcdef123456');
  });
});
