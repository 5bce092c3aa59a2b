export { invoke, handleMessage, listOperations, describeOperation } from './dispatch';
export type { InvokeOptions, PlatformMessage, PlatformResult, OperationDescription } from './dispatch';
export { ConnectorError } from './errors';
export type { ErrorType } from './errors';
export type { CallOptions, LogEntry, Logger } from './call-options';
