// The OS keychain as a secret codec: values are encrypted with Electron's safeStorage
// (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) before they touch disk.
import type { SecretCodec } from '../core/secrets/secret-file';

/** The parts of Electron's safeStorage used here (structural, so tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function keychainCodec(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): SecretCodec {
  const available = safeStorage.isEncryptionAvailable();
  // On Linux without a secret service, Chromium falls back to a hard-coded password:
  // "basic_text". It still works, but the user must be told before trusting it.
  const backend =
    platform === 'linux' && safeStorage.getSelectedStorageBackend
      ? safeStorage.getSelectedStorageBackend()
      : null;
  const storage: SecretCodec['storage'] = !available
    ? 'unavailable'
    : backend === 'basic_text'
      ? 'basic_text'
      : 'os';
  return {
    storage,
    encode: (value) => safeStorage.encryptString(value).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}
