/**
 * Every option of an agent, with its default, in one place. `resolveAgentOptions`
 * (`resolved-options.ts`) fills them in.
 */

import type { QoS, Transport } from "../../transports/transport.js";
import type { Interceptor, RetryOptions } from "../inbound/handler-context.js";
import type { CircuitBreakerOptions } from "../outbound/fault-policies.js";
import type { AgentCardInit } from "../presence/agent-card.js";
import type { ContractSet } from "../wire/contracts.js";
import type { MessageSigner, TrustStore } from "../wire/signatures.js";
import type { Logger } from "./logger.js";

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
/** 8 MiB: eight maximum-size messages per stream (size on the wire). */
export const DEFAULT_MAX_STREAM_BUFFER_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_STREAM_BUFFER_PARTS = 10_000;
/** 64 MiB, the most all of an agent's streams hold together. */
export const DEFAULT_MAX_STREAM_BUFFER_TOTAL_BYTES = 64 * 1024 * 1024;
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
   * whose card says `requests_survive_absence` never (they wait for their deadline). One back as
   * a new process (another `instance_id`: restarted) fails them at once, grace or not. 0 fails
   * them at once. @default 2000
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
  /**
   * Bytes (as they arrived on the wire) of a streamed response's parts that one `stream()` call
   * holds: parts waiting behind a missing one plus parts its `for await` has not read yet. One
   * more part fails the stream with `overloaded` and tells the responder to stop.
   * @default 8388608 (8 MiB)
   */
  readonly maxStreamBufferBytes?: number;
  /** Parts one `stream()` call holds (as counted by `maxStreamBufferBytes`); beyond: `overloaded`. @default 10000 */
  readonly maxStreamBufferParts?: number;
  /**
   * Bytes all of this agent's streamed responses hold together (as `maxStreamBufferBytes` counts
   * them); the stream whose part does not fit fails with `overloaded`. @default 67108864 (64 MiB)
   */
  readonly maxStreamBufferTotalBytes?: number;
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
  /**
   * Answer the built-in `parley.contracts` request with the contract files of the request types
   * this agent serves (and of its broadcasts), so `parley codegen --from` can write a typed
   * client for it. Off, that request gets `unknown_request_type`. @default true
   */
  readonly serveContracts?: boolean;
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
  /**
   * Interceptors around every call this agent makes and every handler and broadcast listener it
   * runs, outermost first (`agent.use()` adds more). See docs/interceptors.md. @default none
   */
  readonly interceptors?: readonly Interceptor[];
  /**
   * Retries for idempotent requests (a contract marked `idempotent`, or `idempotent: true` in the
   * request's options): on codes that may succeed later, with exponential backoff and jitter,
   * never past the request's deadline. @default none (one attempt)
   */
  readonly retry?: RetryOptions;
  /**
   * A circuit breaker per target agent: after enough failures its requests fail at once with
   * `circuit_open`, until a probe gets through again; `delegate()` skips agents whose circuit is
   * open. @default none
   */
  readonly circuitBreaker?: CircuitBreakerOptions;
  /**
   * Where the agent logs what an operator should know: connections lost and back (warn, info),
   * messages refused (warn; expired or cancelled ones info), requests shed from a full backlog
   * (warn), handlers that threw (error). Pino's logger and the console fit. @default none (silent)
   */
  readonly logger?: Logger;
}
