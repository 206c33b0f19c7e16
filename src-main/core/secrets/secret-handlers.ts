// The API key and saved site credentials: written through here, never read back out.
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers } from '../../contract/index';
import type { SecretStore } from './secret-store';

export interface SecretContext {
  secrets: SecretStore;
  /** The key the running backend was started with (null: the sandbox). */
  activeApiKey: string | null;
}

type SecretMethod =
  | 'secrets.status'
  | 'secrets.setApiKey'
  | 'secrets.clearApiKey'
  | 'credentials.save'
  | 'credentials.delete';

export function secretHandlers(ctx: SecretContext): Pick<DeskHandlers, SecretMethod> {
  const { secrets } = ctx;
  return {
    'secrets.status': () => secrets.status(),
    'secrets.setApiKey': (input) => {
      if (secrets.status().source === 'env')
        throw new DeskError(
          'conflict',
          'WEBRUN_API_KEY is set in the environment and takes precedence; change it there.',
        );
      try {
        secrets.setApiKey(input.apiKey);
      } catch (error) {
        throw new DeskError('unavailable', (error as Error).message);
      }
      // The running backend keeps its key until the next start (tasks in flight stay on it).
      return { ...secrets.status(), restartRequired: secrets.apiKey() !== ctx.activeApiKey };
    },
    'secrets.clearApiKey': () => {
      if (secrets.status().source === 'env')
        throw new DeskError(
          'conflict',
          'WEBRUN_API_KEY is set in the environment; unset it there.',
        );
      secrets.clearApiKey();
      return { ...secrets.status(), restartRequired: secrets.apiKey() !== ctx.activeApiKey };
    },
    'credentials.save': (input) => {
      try {
        secrets.saveCredentials(input.match.toLowerCase(), input.fields);
      } catch (error) {
        throw new DeskError('unavailable', (error as Error).message);
      }
      return secrets.status();
    },
    'credentials.delete': (input) => {
      secrets.deleteCredentials(input.match.toLowerCase());
      return secrets.status();
    },
  };
}
