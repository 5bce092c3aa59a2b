export { invoke, handleMessage, listOperations, describeOperation } from './runtime/dispatch';
export type { InvokeOptions, PlatformMessage, PlatformResult, OperationDescription } from './runtime/dispatch';
export { ConnectorError } from './core/errors';
export type { ErrorType } from './core/errors';
export type { CallOptions, LogEntry, Logger } from './core/call-options';
export { configureRateBudget, closeRateBudget } from './http/rate-governor';
export type { RateBudgetOptions } from './http/rate-governor';
