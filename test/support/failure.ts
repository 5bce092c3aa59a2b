import { ConnectorError } from '../../src/core/errors';

/** Awaits a call that must fail and returns its error (the test fails if the call succeeds). */
export async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    return error as ConnectorError;
  }
  throw new Error('expected a failure');
}
