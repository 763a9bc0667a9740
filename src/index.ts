/**
 * Parley's public API: what an application uses to create agents, serve and send requests,
 * handle errors and read the directory. Interceptors and the retry and circuit breaker policies
 * are in `parley-a2a/interceptors`, contract sets and their validators (for generated code and
 * tools) in `parley-a2a/contracts`; what only a transport author or a tool needs is in
 * `parley-a2a/transport`, the options' defaults in `parley-a2a/defaults`, the seed's contracts
 * and coordinator in `parley-a2a/seed`. Internals are not exported.
 * @module parley-a2a
 */

export { Agent, createAgent } from "./agent/agent.js";
export type { AgentEventMap } from "./agent/events.js";
export type { Logger, LogMethod } from "./agent/logger.js";
export type { AgentOptions } from "./agent/options.js";
export type { AgentStats } from "./agent/stats.js";
export type { ParleyErrorOptions } from "./errors/index.js";
export {
  applicationError,
  ErrorCode,
  isErrorCode,
  isParleyError,
  ParleyError,
} from "./errors/index.js";
export type { BroadcastListener } from "./inbound/broadcast-receiver.js";
export type {
  HandlerContext,
  RequestFn,
  RequestHandler,
  RequestOptions,
} from "./inbound/handler-context.js";
export type { BroadcastOptions } from "./outbound/broadcast-message.js";
export type { DelegateOptions } from "./outbound/delegation.js";
export { DelegationStrategy } from "./outbound/delegation.js";
export type { AgentCard, AgentCardInit } from "./presence/agent-card.js";
export type { AgentInfo, DirectoryView, OfflineReason } from "./presence/directory.js";
export type { Envelope, JsonObject } from "./wire/envelope.js";
export { Priority } from "./wire/envelope.js";
export type { StreamEvent } from "./wire/stream-protocol.js";
