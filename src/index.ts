/**
 * Parley's public API. Internals are not exported.
 * @module parley-a2a
 */

export type {
  ConnectOptions,
  Deliver,
  InboundMessage,
  LastWill,
  PublishOptions,
  QoS,
  SubscribeOptions,
  Subscription,
  Transport,
  TransportFeatures,
  TransportStatus,
} from "../transports/transport.js";
export { PUBLISHED, TransportState } from "../transports/transport.js";
export {
  isTransportRefused,
  TransportRefusedError,
} from "../transports/transport-refused-error.js";
export { addressFor, BROADCAST_PATTERN, inboxPattern, presenceAddress } from "./addresses.js";
export { Agent, createAgent } from "./agent.js";
export type { AgentCard, AgentCardInit } from "./agent-card.js";
export type { AgentEventMap, AgentEventName, RejectedMessage } from "./agent-events.js";
export type { AgentOptions, QoSByKind } from "./agent-options.js";
export {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_MAX_DIRECTORY_SIZE,
  DEFAULT_MAX_PENDING_REQUESTS,
  DEFAULT_MAX_QUEUE,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_OFFLINE_GRACE_MS,
  DEFAULT_PRESENCE_MODE,
  DEFAULT_QOS,
  DEFAULT_TIMEOUT_MS,
  PresenceMode,
} from "./agent-options.js";
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
export type { CoordinatorOptions, TaskExecutor, TaskExecutors } from "./coordinator.js";
export { createCoordinator } from "./coordinator.js";
export type { DelegateOptions } from "./delegation.js";
export { DEFAULT_DELEGATION_STRATEGY, DelegationStrategy } from "./delegation.js";
export type { AgentInfo, DirectoryView, OfflineReason } from "./directory.js";
export type { Envelope, EnvelopeInit, JsonObject } from "./envelope.js";
export { createEnvelope, encodeEnvelope, isoTimestamp, MessageType, Priority } from "./envelope.js";
export type { DecodeFailure, DecodeResult } from "./envelope-decoder.js";
export { DEFAULT_MAX_MESSAGE_BYTES, decodeEnvelope } from "./envelope-decoder.js";
export type { ErrorCode as ErrorCodeValue, ParleyErrorOptions } from "./errors/index.js";
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
export { PresenceBroadcast } from "./presence.js";
export type { MessageSigner, TrustStore } from "./signatures.js";
export type { StreamEvent } from "./stream-protocol.js";
