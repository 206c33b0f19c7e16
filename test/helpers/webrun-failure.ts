import { expect } from 'vitest';
import { WebRunError } from '../../src-main/core/webrun/errors';

/** The WebRunError a call must fail with (the test fails if it succeeds or throws another). */
export async function failure(promise: Promise<unknown>): Promise<WebRunError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WebRunError);
    return error as WebRunError;
  }
  throw new Error('expected the call to fail');
}
