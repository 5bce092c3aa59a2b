export { invoke, handleMessage, listOperations, describeOperation } from './runtime/dispatch';
export type { InvokeOptions, PlatformMessage, PlatformResult, OperationDescription } from './runtime/dispatch';
export { ConnectorError } from './core/errors';
export type { ErrorType } from './core/errors';
export type { CallOptions, LogEntry, Logger } from './core/call-options';
export { resolveSchema } from './bundle/dynamic-schema';
export type { ResolveSchemaOptions } from './bundle/dynamic-schema';
export type { SchemaPatch, SchemaSide } from './runtime/handler-kinds';
