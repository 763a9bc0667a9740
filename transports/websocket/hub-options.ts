/**
 * Options of {@link createWebSocketHub}, their defaults, and the one function that checks them.
 */
import type { Transport } from "../transport.js";

/** Bridges the hub to another fabric (usually an MQTT broker) through a transport. */
export interface HubBridgeOptions {
  /** An already created transport, e.g. `createMqttTransport(...)`. */
  readonly transport: Transport;
  /** What is bridged, both ways. @default "a2a/#" */
  readonly pattern?: string;
  /**
   * Client id the hub connects the transport with. When the caller connected the transport
   * already, set `connected: true`; the hub then neither connects nor closes it.
   * @default `parley-hub-${random}`
   */
  readonly clientId?: string;
  /** The transport is already connected (and the caller closes it). @default false */
  readonly connected?: boolean;
}

/** Options for {@link createWebSocketHub}. */
export interface WebSocketHubOptions {
  /** TCP port to listen on; 0 picks a free one (read it from `hub.port`). @default 0 */
  readonly port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  readonly host?: string;
  /**
   * Accepted client tokens, or a function that decides. Unset: every client is accepted.
   * A refused client gets an `error` frame and close code 4401.
   */
  readonly tokens?: readonly string[] | ((token: string | undefined) => boolean);
  /** Ping every client this often; one that has not answered the previous ping is cut. 0 disables. @default 30_000 */
  readonly pingIntervalMs?: number;
  /** A connection that has not said a valid hello this long after opening is closed (4400). @default 10_000 */
  readonly helloTimeoutMs?: number;
  /**
   * Most bytes queued for one client before the hub drops messages for it (see `hub.ts`).
   * @default DEFAULT_HUB_MAX_BUFFERED_BYTES (4 MiB)
   */
  readonly maxBufferedBytes?: number;
  /** Largest frame a client may send; a larger one closes its connection (code 1009). @default 4 MiB */
  readonly maxFrameBytes?: number;
  /** Most retained addresses the hub keeps; a retained publish beyond it is refused. @default 10_000 */
  readonly maxRetainedMessages?: number;
  /**
   * Most bytes (addresses, bodies, metadata) of retained messages the hub keeps; a retained
   * publish beyond it is refused. @default DEFAULT_HUB_MAX_RETAINED_BYTES (64 MiB)
   */
  readonly maxRetainedBytes?: number;
  /**
   * Most messages held for a subscriber that is not there yet: a publish the client waits on
   * (QoS 1) that no subscription matches is held until one does (or it expires); beyond this
   * it is refused with an `error`, so the client's publish fails. 0 holds none.
   * @default DEFAULT_HUB_MAX_HELD_MESSAGES (10_000)
   */
  readonly maxHeldMessages?: number;
  /** Most bytes (addresses, bodies, metadata) of held messages. @default DEFAULT_HUB_MAX_HELD_BYTES (32 MiB) */
  readonly maxHeldBytes?: number;
  /**
   * Longest a message is held: its `expirySeconds`, at most this; a message without expiry is
   * held this long. @default DEFAULT_HUB_MAX_HELD_SECONDS (300)
   */
  readonly maxHeldSeconds?: number;
  /** Most subscriptions one client may hold. @default 1_000 */
  readonly maxSubscriptionsPerClient?: number;
  /**
   * Most open connections (with or without hello); one more is closed at once with code 1013
   * (try again later), and its client retries with backoff. Bounds what all clients together make
   * the hub keep: per connection a Last Will (up to `maxFrameBytes`), its subscriptions and its
   * send queue (`maxBufferedBytes`). @default DEFAULT_HUB_MAX_CONNECTIONS (10_000)
   */
  readonly maxConnections?: number;
  /** Bridge to another fabric: a transport, or {@link HubBridgeOptions}. */
  readonly bridge?: Transport | HubBridgeOptions;
}

/** Interface the hub listens on by default: loopback only. */
export const DEFAULT_HUB_HOST = "127.0.0.1";
/** Default keepalive ping interval. */
export const DEFAULT_HUB_PING_INTERVAL_MS = 30_000;
/** Default time a new connection has to say hello. */
export const DEFAULT_HUB_HELLO_TIMEOUT_MS = 10_000;
/** Default per-client queue limit before messages are dropped. */
export const DEFAULT_HUB_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Default largest frame a client may send. */
export const DEFAULT_HUB_MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** Default number of retained addresses kept. */
export const DEFAULT_HUB_MAX_RETAINED_MESSAGES = 10_000;
/** Default bytes of retained messages kept. */
export const DEFAULT_HUB_MAX_RETAINED_BYTES = 64 * 1024 * 1024;
/** Default number of messages held for subscribers that are not there yet. */
export const DEFAULT_HUB_MAX_HELD_MESSAGES = 10_000;
/** Default bytes of messages held for subscribers that are not there yet. */
export const DEFAULT_HUB_MAX_HELD_BYTES = 32 * 1024 * 1024;
/** Default longest hold of a message for a subscriber that is not there yet. */
export const DEFAULT_HUB_MAX_HELD_SECONDS = 300;
/** Default number of subscriptions one client may hold. */
export const DEFAULT_HUB_MAX_SUBSCRIPTIONS_PER_CLIENT = 1_000;
/** Default number of open connections. */
export const DEFAULT_HUB_MAX_CONNECTIONS = 10_000;
/** What a bridge carries by default: every Parley address. */
export const DEFAULT_HUB_BRIDGE_PATTERN = "a2a/#";

/** Options with every default filled in. */
export interface ResolvedHubOptions {
  readonly port: number;
  readonly host: string;
  readonly authorize: (token: string | undefined) => boolean;
  readonly pingIntervalMs: number;
  readonly helloTimeoutMs: number;
  readonly maxBufferedBytes: number;
  readonly maxFrameBytes: number;
  readonly maxRetainedMessages: number;
  readonly maxRetainedBytes: number;
  readonly maxHeldMessages: number;
  readonly maxHeldBytes: number;
  readonly maxHeldSeconds: number;
  readonly maxSubscriptionsPerClient: number;
  readonly maxConnections: number;
  readonly bridge:
    | (Required<Omit<HubBridgeOptions, "clientId">> & { readonly clientId: string | undefined })
    | undefined;
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min)
    throw new TypeError(`websocket hub: ${name} must be an integer >= ${min}, got ${n}`);
  return n;
}

function isTransport(value: Transport | HubBridgeOptions): value is Transport {
  return typeof (value as Transport).publish === "function";
}

function resolveAuthorize(
  tokens: WebSocketHubOptions["tokens"],
): (token: string | undefined) => boolean {
  if (tokens === undefined) return () => true;
  if (typeof tokens === "function") return tokens;
  if (tokens.length === 0 || tokens.some((t) => typeof t !== "string" || t.length === 0)) {
    throw new TypeError("websocket hub: tokens must be a non-empty list of non-empty strings");
  }
  const accepted = new Set(tokens);
  return (token) => token !== undefined && accepted.has(token);
}

/** Returns a new, complete options object; throws a TypeError naming a bad option. */
export function resolveHubOptions(options: WebSocketHubOptions = {}): ResolvedHubOptions {
  const port = count("port", options.port, 0, 0);
  if (port > 65_535) throw new TypeError(`websocket hub: port must be <= 65535, got ${port}`);
  const bridge = options.bridge;
  const bridgeOptions =
    bridge === undefined ? undefined : isTransport(bridge) ? { transport: bridge } : bridge;
  return {
    port,
    host: options.host ?? DEFAULT_HUB_HOST,
    authorize: resolveAuthorize(options.tokens),
    helloTimeoutMs: count(
      "helloTimeoutMs",
      options.helloTimeoutMs,
      DEFAULT_HUB_HELLO_TIMEOUT_MS,
      1,
    ),
    pingIntervalMs: count(
      "pingIntervalMs",
      options.pingIntervalMs,
      DEFAULT_HUB_PING_INTERVAL_MS,
      0,
    ),
    maxBufferedBytes: count(
      "maxBufferedBytes",
      options.maxBufferedBytes,
      DEFAULT_HUB_MAX_BUFFERED_BYTES,
      1,
    ),
    maxFrameBytes: count("maxFrameBytes", options.maxFrameBytes, DEFAULT_HUB_MAX_FRAME_BYTES, 1024),
    maxRetainedMessages: count(
      "maxRetainedMessages",
      options.maxRetainedMessages,
      DEFAULT_HUB_MAX_RETAINED_MESSAGES,
      0,
    ),
    maxRetainedBytes: count(
      "maxRetainedBytes",
      options.maxRetainedBytes,
      DEFAULT_HUB_MAX_RETAINED_BYTES,
      0,
    ),
    maxHeldMessages: count(
      "maxHeldMessages",
      options.maxHeldMessages,
      DEFAULT_HUB_MAX_HELD_MESSAGES,
      0,
    ),
    maxHeldBytes: count("maxHeldBytes", options.maxHeldBytes, DEFAULT_HUB_MAX_HELD_BYTES, 0),
    maxHeldSeconds: count(
      "maxHeldSeconds",
      options.maxHeldSeconds,
      DEFAULT_HUB_MAX_HELD_SECONDS,
      0,
    ),
    maxSubscriptionsPerClient: count(
      "maxSubscriptionsPerClient",
      options.maxSubscriptionsPerClient,
      DEFAULT_HUB_MAX_SUBSCRIPTIONS_PER_CLIENT,
      1,
    ),
    maxConnections: count("maxConnections", options.maxConnections, DEFAULT_HUB_MAX_CONNECTIONS, 1),
    bridge:
      bridgeOptions === undefined
        ? undefined
        : {
            transport: bridgeOptions.transport,
            pattern: bridgeOptions.pattern ?? DEFAULT_HUB_BRIDGE_PATTERN,
            clientId: bridgeOptions.clientId,
            connected: bridgeOptions.connected ?? false,
          },
  };
}
