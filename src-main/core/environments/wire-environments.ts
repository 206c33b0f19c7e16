// WebRun's environments (or, for the generation that says `profileId`, its profiles) on a
// desk: their client, and the environments.* methods with the folder where an archive waits
// while its pieces arrive.
import { join } from 'node:path';
import type { WebRunClient } from '../webrun/client';
import { EnvironmentsClient } from '../webrun/environments-client';
import type { Generation } from '../webrun/request-body';
import { environmentHandlers } from './environment-handlers';

export function wireEnvironments(o: {
  client: WebRunClient;
  generation: Generation;
  /** Where the secrets file and the copied files live: beside the history. */
  dataDir: string;
  writable: () => void;
}): { handlers: ReturnType<typeof environmentHandlers> } {
  const environments = new EnvironmentsClient(
    o.client,
    o.generation === 'gen1' ? 'profiles' : 'environments',
  );
  return {
    handlers: environmentHandlers({
      environments,
      uploadsDir: join(o.dataDir, 'uploads'),
      writable: o.writable,
    }),
  };
}
