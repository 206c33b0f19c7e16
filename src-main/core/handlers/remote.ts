// Runs a call to WebRun, turning its failure into a message for the person who asked, with
// WebRun's own words in it ("Could not create the environment: Maximum of 20 environments allowed").
import { DeskError } from '../../contract/dispatch';
import { WebRunError } from '../webrun/errors';

export async function remote<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DeskError) throw error;
    if (error instanceof WebRunError && error.kind === 'not_found') throw new DeskError('not_found', `Could not ${what}: ${error.message}`);
    const message = error instanceof WebRunError ? error.message : String(error);
    throw new DeskError('remote', `Could not ${what}: ${message}`);
  }
}

export const timeOf = (iso: string | null): number | null => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : ms;
};
