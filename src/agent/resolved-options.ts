/**
 * An agent's options with every default filled in. {@link resolveAgentOptions} returns a new,
 * complete object and throws a clear error for bad values; the caller's object is not changed.
 */
import type { Transport } from "../../transports/transport.js";
import type { Interceptor } from "../inbound/handler-context.js";
import {
  type ResolvedCircuitBreakerOptions,
  type ResolvedRetryOptions,
  resolveCircuitBreakerOptions,
  resolveRetryOptions,
} from "../outbound/fault-policies.js";
import type { AgentCardInit } from "../presence/agent-card.js";
import { assertValidAgentId } from "../wire/addresses.js";
import type { ContractSet } from "../wire/contracts.js";
import { DEFAULT_MAX_MESSAGE_BYTES } from "../wire/envelope-decoder.js";
import type { MessageSigner, TrustStore } from "../wire/signatures.js";
import type { Logger } from "./logger.js";
import {
  type AgentOptions,
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_MAX_DIRECTORY_BYTES,
  DEFAULT_MAX_DIRECTORY_SIZE,
  DEFAULT_MAX_PENDING_REQUESTS,
  DEFAULT_MAX_QUEUE,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_MAX_STREAM_BUFFER_BYTES,
  DEFAULT_MAX_STREAM_BUFFER_PARTS,
  DEFAULT_MAX_STREAM_BUFFER_TOTAL_BYTES,
  DEFAULT_OFFLINE_GRACE_MS,
  DEFAULT_PRESENCE_MODE,
  DEFAULT_QOS,
  DEFAULT_REPLAY_CACHE_SIZE,
  DEFAULT_REPLAY_WINDOW_MS,
  DEFAULT_RESPONSE_CACHE_BYTES,
  DEFAULT_RESPONSE_CACHE_SIZE,
  DEFAULT_TIMEOUT_MS,
  PresenceMode,
  type QoSByKind,
} from "./options.js";

/** Options after defaults are applied. */
export interface ResolvedAgentOptions {
  readonly id: string;
  readonly transport: Transport;
  readonly card: Required<AgentCardInit>;
  readonly presence: PresenceMode;
  readonly heartbeatIntervalMs: number;
  readonly offlineAfterMs: number;
  readonly defaultTimeoutMs: number;
  readonly offlineGraceMs: number;
  readonly closeTimeoutMs: number;
  readonly concurrency: number;
  readonly maxQueue: number;
  readonly maxQueueBytes: number;
  readonly maxPendingRequests: number;
  readonly maxMessageBytes: number;
  readonly maxStreamBufferBytes: number;
  readonly maxStreamBufferParts: number;
  readonly maxStreamBufferTotalBytes: number;
  readonly maxDirectorySize: number;
  readonly maxDirectoryBytes: number;
  readonly contracts: ContractSet | undefined;
  readonly validate: boolean;
  readonly serveContracts: boolean;
  readonly qos: QoSByKind;
  readonly discoverOnConnect: boolean;
  readonly pools: readonly string[];
  readonly signer: MessageSigner | undefined;
  readonly trustStore: TrustStore | undefined;
  readonly requireSignatures: boolean;
  readonly replayWindowMs: number;
  readonly replayCacheSize: number;
  readonly maxRequestsPerSecondPerSender: number;
  readonly responseCacheSize: number;
  readonly responseCacheBytes: number;
  readonly interceptors: readonly Interceptor[];
  readonly retry: ResolvedRetryOptions | undefined;
  readonly circuitBreaker: ResolvedCircuitBreakerOptions | undefined;
  readonly logger: Logger | undefined;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`${name} must be a finite number >= 0, got ${value}`);
  return value;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}

export function resolveAgentOptions(options: AgentOptions): ResolvedAgentOptions {
  assertValidAgentId(options.id);
  if (options.requireSignatures && !options.trustStore) {
    throw new TypeError("requireSignatures needs a trustStore to check signatures against");
  }
  if (!options.transport) throw new TypeError("transport is required");
  const presence = options.presence ?? DEFAULT_PRESENCE_MODE;
  if (!Object.values(PresenceMode).includes(presence))
    throw new TypeError(`presence must be "cards" or "heartbeats", got ${String(presence)}`);
  const heartbeatIntervalMs = nonNegative(
    "heartbeatIntervalMs",
    options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
  );
  const offlineAfterMs = nonNegative(
    "offlineAfterMs",
    options.offlineAfterMs ??
      (heartbeatIntervalMs > 0 ? heartbeatIntervalMs * 3 : DEFAULT_HEARTBEAT_INTERVAL_MS * 3),
  );
  return {
    id: options.id,
    transport: options.transport,
    card: {
      name: options.card?.name ?? options.id,
      version: options.card?.version ?? "1.0.0",
      description: options.card?.description ?? "",
      capabilities: [...(options.card?.capabilities ?? [])],
    },
    presence,
    heartbeatIntervalMs,
    offlineAfterMs,
    defaultTimeoutMs: nonNegative(
      "defaultTimeoutMs",
      options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    ),
    offlineGraceMs: nonNegative(
      "offlineGraceMs",
      options.offlineGraceMs ?? DEFAULT_OFFLINE_GRACE_MS,
    ),
    closeTimeoutMs: nonNegative(
      "closeTimeoutMs",
      options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
    ),
    concurrency: positiveInteger("concurrency", options.concurrency ?? DEFAULT_CONCURRENCY),
    maxQueue: nonNegative("maxQueue", options.maxQueue ?? DEFAULT_MAX_QUEUE),
    maxQueueBytes: nonNegative("maxQueueBytes", options.maxQueueBytes ?? DEFAULT_MAX_QUEUE_BYTES),
    maxPendingRequests: positiveInteger(
      "maxPendingRequests",
      options.maxPendingRequests ?? DEFAULT_MAX_PENDING_REQUESTS,
    ),
    maxMessageBytes: positiveInteger(
      "maxMessageBytes",
      options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    ),
    maxStreamBufferBytes: positiveInteger(
      "maxStreamBufferBytes",
      options.maxStreamBufferBytes ?? DEFAULT_MAX_STREAM_BUFFER_BYTES,
    ),
    maxStreamBufferParts: positiveInteger(
      "maxStreamBufferParts",
      options.maxStreamBufferParts ?? DEFAULT_MAX_STREAM_BUFFER_PARTS,
    ),
    maxStreamBufferTotalBytes: positiveInteger(
      "maxStreamBufferTotalBytes",
      options.maxStreamBufferTotalBytes ?? DEFAULT_MAX_STREAM_BUFFER_TOTAL_BYTES,
    ),
    maxDirectorySize: positiveInteger(
      "maxDirectorySize",
      options.maxDirectorySize ?? DEFAULT_MAX_DIRECTORY_SIZE,
    ),
    maxDirectoryBytes: positiveInteger(
      "maxDirectoryBytes",
      options.maxDirectoryBytes ?? DEFAULT_MAX_DIRECTORY_BYTES,
    ),
    contracts: options.contracts,
    validate: options.validate ?? true,
    serveContracts: options.serveContracts ?? true,
    qos: { ...DEFAULT_QOS, ...options.qos },
    discoverOnConnect: options.discoverOnConnect ?? true,
    pools: [...(options.pools ?? [])],
    signer: options.signer,
    trustStore: options.trustStore,
    requireSignatures: options.requireSignatures ?? false,
    replayWindowMs: positiveInteger(
      "replayWindowMs",
      options.replayWindowMs ?? DEFAULT_REPLAY_WINDOW_MS,
    ),
    replayCacheSize: positiveInteger(
      "replayCacheSize",
      options.replayCacheSize ?? DEFAULT_REPLAY_CACHE_SIZE,
    ),
    maxRequestsPerSecondPerSender: nonNegative(
      "maxRequestsPerSecondPerSender",
      options.maxRequestsPerSecondPerSender ?? 0,
    ),
    responseCacheSize: positiveInteger(
      "responseCacheSize",
      options.responseCacheSize ?? DEFAULT_RESPONSE_CACHE_SIZE,
    ),
    responseCacheBytes: nonNegative(
      "responseCacheBytes",
      options.responseCacheBytes ?? DEFAULT_RESPONSE_CACHE_BYTES,
    ),
    interceptors: [...(options.interceptors ?? [])],
    retry: options.retry === undefined ? undefined : resolveRetryOptions(options.retry),
    circuitBreaker:
      options.circuitBreaker === undefined
        ? undefined
        : resolveCircuitBreakerOptions(options.circuitBreaker),
    logger: options.logger,
  };
}
