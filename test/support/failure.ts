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

/** Runs a call that must throw synchronously and returns its ConnectorError (the test fails otherwise). */
export function refusal(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected a refusal');
}
