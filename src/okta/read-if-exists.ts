import { ConnectorError } from '../core/errors';
import { OperationContext } from '../runtime/handler-kinds';

/** A GET whose 404 is an answer ("not there"), not a failure: the body, or undefined on 404. */
export async function readIfExists<T>(ctx: OperationContext, path: string): Promise<T | undefined> {
  try {
    return (await ctx.request<T>({ method: 'GET', path })).body;
  } catch (error) {
    if (error instanceof ConnectorError && error.status === 404) return undefined;
    throw error;
  }
}
