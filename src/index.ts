export { invoke, handleMessage, listOperations, describeOperation } from './runtime/dispatch';
export type { InvokeOptions, PlatformMessage, PlatformResult, OperationDescription } from './runtime/dispatch';
export { ConnectorError } from './core/errors';
export type { ErrorType } from './core/errors';
export type { CallOptions, LogEntry, Logger } from './core/call-options';
export { createTrigger, handleTriggerRequest, destroyTrigger, pollTrigger, listTriggers } from './triggers/trigger-dispatch';
export type { CreateTriggerOptions, TriggerCallOptions, HandleRequestOptions } from './triggers/trigger-dispatch';
export type { TriggerHttpRequest, TriggerHttpResponse, TriggerRequestResult, PollResult } from './triggers/trigger-kinds';
export { DedupeWindow } from './triggers/dedupe-window';
