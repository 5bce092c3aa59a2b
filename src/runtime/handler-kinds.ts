import { OktaRequest, OktaResponse } from '../http/okta-request';
import { ListOptions, Page, PagingInput } from '../http/paginate';
import type { PreflightResult } from './dry-run';

export type { OktaRequest, OktaResponse, HttpMethod } from '../http/okta-request';
export type { Page, PagingInput, ListOptions } from '../http/paginate';
export type { PreflightResult } from './dry-run';
export { oktaPath } from '../http/request-url';

/** What a handler can do. Transport, auth, retries, errors and paging all live behind it. */
export interface OperationContext {
  request<T = unknown>(request: OktaRequest): Promise<OktaResponse<T>>;
  list<T = unknown>(request: OktaRequest, paging: PagingInput, options?: ListOptions): Promise<Page<T>>;
  /** Like `request`, but returns 4xx/5xx responses instead of throwing (raw HTTP). */
  rawRequest(request: OktaRequest, options: { maxResponseBytes: number }): Promise<OktaResponse<unknown>>;
  /**
   * True in a dry run: reads are sent, writes are planned and answered with an empty 204. Handlers need not
   * look at it; a `preflight` holds the checks a dry run should make that the real call leaves to Okta.
   */
  readonly dryRun: boolean;
}

export interface OperationHandler<I, O> {
  run(input: I, ctx: OperationContext): Promise<O>;
  /**
   * Run only in a dry run, before `run`: the reads and checks that would make Okta refuse the call (a user's
   * lifecycle status, a group's type), thrown as errors; or `{unchanged}` when the end state is already reached.
   */
  preflight?(input: I, ctx: OperationContext): Promise<PreflightResult | void>;
}

/** A composite operation: a few requests and some logic. */
export function defineOperation<I, O>(
  run: (input: I, ctx: OperationContext) => Promise<O>,
  preflight?: OperationHandler<I, O>['preflight'],
): OperationHandler<I, O> {
  return preflight ? { run, preflight } : { run };
}

/** The common case: one request, its response mapped to the output. */
export function singleRequest<I, O, B = any>(definition: {
  request: (input: I) => OktaRequest;
  output: (response: OktaResponse<B>, input: I) => O;
}): OperationHandler<I, O> {
  return {
    run: async (input, ctx) => definition.output(await ctx.request<B>(definition.request(input)), input),
  };
}

type ListOutput<K extends string, T> = { [key in K]: T[] } & { next_page_cursor: string | null; truncated: boolean };

/** A paged Okta list: `limit`, `after`, `fetch_all` and `max_results` come from the input. */
export function listRequest<I extends PagingInput, K extends string, T = any>(definition: {
  request: (input: I) => OktaRequest;
  itemsKey: K;
  options?: ListOptions;
}): OperationHandler<I, ListOutput<K, T>> {
  return {
    run: async (input, ctx) => {
      const page = await ctx.list<T>(definition.request(input), input, definition.options);
      return { [definition.itemsKey]: page.items, next_page_cursor: page.next_page_cursor, truncated: page.truncated } as ListOutput<K, T>;
    },
  };
}

export interface DdlOption {
  text: string;
  value: string;
}

export interface DdlOutput {
  result: DdlOption[];
}

/** Dropdowns page past the first page, up to this many options. */
export const DDL_MAX_OPTIONS = 1000;

/** A dropdown helper: one list request (paged when Okta pages it), each item mapped to `{text, value}`. */
export function ddlRequest<I, T = any>(definition: {
  request: (input: I) => OktaRequest;
  option: (item: T) => DdlOption;
  /** Drop items that do not belong in this dropdown. */
  include?: (item: T, input: I) => boolean;
  paged?: { limit: number };
}): OperationHandler<I, DdlOutput> {
  return {
    run: async (input, ctx) => {
      const request = definition.request(input);
      const items = definition.paged
        ? (await ctx.list<T>(request, { limit: definition.paged.limit, fetch_all: true, max_results: DDL_MAX_OPTIONS })).items
        : (await ctx.request<T[]>(request)).body ?? [];
      const kept = definition.include ? items.filter((item) => definition.include!(item, input)) : items;
      return { result: kept.map(definition.option) };
    },
  };
}
