/**
 * Every option of an agent, with its default, in one place. {@link resolveAgentOptions} returns a
 * new, complete object and throws a clear error for bad values; the caller's object is not changed.
 */

import type { QoS, Transport } from "../../transports/transport.js";
import type { AgentCardInit } from "../presence/agent-card.js";
import { assertValidAgentId } from "../wire/addresses.js";
import type { ContractSet } from "../wire/contracts.js";
import { DEFAULT_MAX_MESSAGE_BYTES } from "../wire/envelope-decoder.js";
import type { MessageSigner, TrustStore } from "../wire/signatures.js";

/** Seed default: a heartbeat every 30 seconds. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 30_000;
/** Seed default request timeout: 30 seconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** How long `close()` waits for its goodbye (departure, cleared card, unsubscribes). */
export const DEFAULT_CLOSE_TIMEOUT_MS = 2_000;
/** How long requests to an agent gone offline wait for it to come back (a reconnect or two). */
export const DEFAULT_OFFLINE_GRACE_MS = 2_000;
export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_MAX_QUEUE = 1000;
/** 32 MiB of queued requests, as encoded. */
export const DEFAULT_MAX_QUEUE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_PENDING_REQUESTS = 10_000;
export const DEFAULT_MAX_DIRECTORY_SIZE = 100_000;
/** 64 MiB of agent cards (about 100,000 cards of 600 bytes). */
export const DEFAULT_MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
export const DEFAULT_REPLAY_WINDOW_MS = 300_000;
export const DEFAULT_REPLAY_CACHE_SIZE = 10_000;
export const DEFAULT_RESPONSE_CACHE_SIZE = 1000;
/** 32 MiB of encoded replies in the response cache, and as much held while disconnected. */
export const DEFAULT_RESPONSE_CACHE_BYTES = 32 * 1024 * 1024;
/**
 * How an agent tells others it is alive and how busy it is.
 * - `cards`: its retained presence card (with its load, republished when the load changes) and its
 *   Last Will; it sends no heartbeats, so N agents cause no periodic traffic. It still hears
 *   heartbeats, which only seed agents and `heartbeats` agents send. Needs a transport with
 *   `retained` and `lastWill`; elsewhere (NATS) the agent behaves as with `heartbeats`.
 * - `heartbeats`: the seed's design: a heartbeat to every agent each interval (N² deliveries).
 */
export const PresenceMode = { cards: "cards", heartbeats: "heartbeats" } as const;
export type PresenceMode = (typeof PresenceMode)[keyof typeof PresenceMode];
export const DEFAULT_PRESENCE_MODE: PresenceMode = PresenceMode.cards;
/** QoS per message kind: requests and responses at least once, the rest at most once. */
export const DEFAULT_QOS: Readonly<QoSByKind> = {
  request: 1,
  response: 1,
  broadcast: 0,
  heartbeat: 0,
  presence: 1,
};

/** QoS for each kind of message an agent publishes. */
export interface QoSByKind {
  readonly request: QoS;
  readonly response: QoS;
  readonly broadcast: QoS;
  readonly heartbeat: QoS;
  /** The retained presence card and its Last Will. */
  readonly presence: QoS;
}

/** Options for {@link createAgent}. */
export interface AgentOptions {
  /** This agent's id: one address level (`a2a/{id}/...`). */
  readonly id: string;
  /** How the agent reaches others. */
  readonly transport: Transport;
  /** What the agent announces about itself. @default { name: id } */
  readonly card?: AgentCardInit;
  /**
   * How this agent keeps others informed: retained card + Last Will, or the seed's heartbeats to
   * everyone. See {@link PresenceMode}. @default "cards" (heartbeats where the transport has no
   * retained messages or no Last Will)
   */
  readonly presence?: PresenceMode;
  /**
   * Heartbeat period (`heartbeats`); with `cards`, how often the card is republished if the load
   * changed. 0 sends none (presence then relies on the Last Will). @default 30000
   */
  readonly heartbeatIntervalMs?: number;
  /** An agent silent this long is marked offline (when it announced no interval of its own). @default 3 x heartbeatIntervalMs, or 90000 */
  readonly offlineAfterMs?: number;
  /** Default request timeout. @default 30000 */
  readonly defaultTimeoutMs?: number;
  /**
   * How long requests pending to an agent that went offline (its Last Will, missed heartbeats)
   * wait for it to come back before they fail with `unavailable`: a connection blip that heals
   * within it still gets its answers. An agent that said goodbye fails them at once, and one
   * whose card says `requests_survive_absence` never (they wait for their deadline). 0 fails them
   * at once. @default 2000
   */
  readonly offlineGraceMs?: number;
  /**
   * How long `close()` waits for its goodbye to be sent (departure broadcast, cleared card,
   * unsubscribes) before it closes the connection anyway, e.g. on a dead network path. @default 2000
   */
  readonly closeTimeoutMs?: number;
  /** Handlers running at once. @default 16 */
  readonly concurrency?: number;
  /** Requests waiting for a handler; beyond it the lowest priority is shed (`overloaded`). @default 1000 */
  readonly maxQueue?: number;
  /**
   * Bytes (as encoded on the wire) of the requests waiting for a handler; beyond it the lowest
   * priority is shed (`overloaded`), as beyond `maxQueue`. The decoded requests take more heap
   * than their bytes (a deeply nested array far more). @default 33554432 (32 MiB)
   */
  readonly maxQueueBytes?: number;
  /** Outstanding requests this agent may have; beyond it `request()` rejects `overloaded`. @default 10000 */
  readonly maxPendingRequests?: number;
  /**
   * Largest message, in bytes, as encoded: larger ones are refused on receipt and are not sent
   * (`request()` and `broadcast()` reject `payload_too_large`). @default 1048576
   */
  readonly maxMessageBytes?: number;
  /** Most agents the directory holds. @default 100000 */
  readonly maxDirectorySize?: number;
  /**
   * Most bytes of agent cards the directory holds (approximately: the characters of a card's
   * strings plus a small overhead per agent and per entry). Beyond it, as beyond
   * `maxDirectorySize`, offline agents are forgotten first, then new agents are not recorded.
   * @default 67108864 (64 MiB)
   */
  readonly maxDirectoryBytes?: number;
  /**
   * Contracts to validate requests, responses and broadcasts against. Those `parley codegen`
   * generates are compiled ahead of time: they need neither ajv nor `eval`, so they work in a page
   * whose Content-Security-Policy has no `unsafe-eval`. `compileContracts` (codegen, for Node
   * tools) compiles raw schemas at run time with ajv instead. @default none
   */
  readonly contracts?: ContractSet;
  /** Validate against `contracts`; turn off for trusted meshes. @default true */
  readonly validate?: boolean;
  /** QoS per message kind (MQTT). @default {@link DEFAULT_QOS} */
  readonly qos?: Partial<QoSByKind>;
  /** Broadcast `agent_discovery` on connect so agents already online answer. @default true */
  readonly discoverOnConnect?: boolean;
  /**
   * Worker pools this agent serves: requests to a pool's name are shared by its members through
   * the broker (MQTT shared subscriptions, NATS queue groups), each handled by exactly one.
   * Needs a transport with `features.groups`. @default []
   */
  readonly pools?: readonly string[];
  /** Signs every message this agent sends (needs a transport with metadata). @default none */
  readonly signer?: MessageSigner;
  /** Public keys of the agents whose signatures this agent checks. @default none */
  readonly trustStore?: TrustStore;
  /** Refuse unsigned messages and messages from agents not in the trust store. @default false */
  readonly requireSignatures?: boolean;
  /** With `requireSignatures`: refuse messages whose timestamp is further than this from now. @default 300000 */
  readonly replayWindowMs?: number;
  /**
   * With `requireSignatures`: message ids remembered to refuse replays (the newest this many
   * always, up to twice as many; older ones are forgotten that many at a time). Once ids are
   * forgotten, messages not newer than the newest forgotten one are refused too (the window
   * shrinks under load; no replay gets through). @default 10000
   */
  readonly replayCacheSize?: number;
  /** Requests accepted per second from one sender (beyond: `overloaded`); 0 for no limit. @default 0 */
  readonly maxRequestsPerSecondPerSender?: number;
  /**
   * Recent responses kept to answer a duplicate request (a QoS 1 redelivery) without running it
   * twice (the newest this many always, up to twice as many); also the most replies held while
   * the connection is down, sent on reconnect. @default 1000
   */
  readonly responseCacheSize?: number;
  /**
   * Bytes of encoded replies the response cache keeps (it keeps the bytes sent, never the
   * handler's result objects), and separately the most bytes of replies held while the connection
   * is down. A reply larger than half of it is not cached (a duplicate of its request runs the
   * handler again). @default 33554432 (32 MiB)
   */
  readonly responseCacheBytes?: number;
}

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
  readonly maxDirectorySize: number;
  readonly maxDirectoryBytes: number;
  readonly contracts: ContractSet | undefined;
  readonly validate: boolean;
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
  };
}
