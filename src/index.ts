/**
 * Parley's public API: what an application uses to create agents, serve and send requests,
 * handle errors and read the directory. What only a transport author or a tool needs is in
 * `parley-a2a/transport`, the options' defaults in `parley-a2a/defaults`, the seed's contracts
 * and coordinator in `parley-a2a/seed`. Internals are not exported.
 * @module parley-a2a
 */

export { Agent, createAgent } from "./agent.js";
export type { AgentCard, AgentCardInit } from "./agent-card.js";
export type { AgentEventMap, RejectedMessage } from "./agent-events.js";
export type { AgentOptions } from "./agent-options.js";
export { PresenceMode } from "./agent-options.js";
export type { AgentStats } from "./agent-stats.js";
export type { BroadcastOptions } from "./broadcast-message.js";
export type { BroadcastListener } from "./broadcast-receiver.js";
export type {
  BroadcastContract,
  ContractSet,
  RequestContract,
  ValidationIssue,
  Validator,
} from "./contracts.js";
export type { DelegateOptions } from "./delegation.js";
export { DelegationStrategy } from "./delegation.js";
export type { AgentInfo, DirectoryView, OfflineReason } from "./directory.js";
export type { Envelope, JsonObject } from "./envelope.js";
export { Priority } from "./envelope.js";
export type { ParleyErrorOptions } from "./errors/index.js";
export {
  applicationError,
  ErrorCode,
  isErrorCode,
  isParleyError,
  ParleyError,
} from "./errors/index.js";
export type {
  HandlerContext,
  RequestFn,
  RequestHandler,
  RequestOptions,
} from "./handler-context.js";
export type { StreamEvent } from "./stream-protocol.js";
