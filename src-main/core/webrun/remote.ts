// One rule for turning WebRun's failures into a person's message: every handler and control
// that calls WebRun on someone's behalf goes through remote().
import { DeskError } from '../../contract/dispatch';
import { WebRunError } from './errors';

/** Runs a call to WebRun, turning its failure into a message for the person who asked. */
export async function remote<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DeskError) throw error;
    const message = error instanceof WebRunError ? error.message : String(error);
    throw new DeskError('remote', `Could not ${what}: ${message}`);
  }
}
