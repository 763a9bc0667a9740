/**
 * Options of the NATS transport, their defaults, and the one function that resolves them into
 * nats.js connection options.
 */
import type { Authenticator, ConnectionOptions, TlsOptions } from "@nats-io/nats-core";

/** Options for {@link createNatsTransport}. Give `servers` or `url`, not both. */
export interface NatsTransportOptions {
  /**
   * Server URLs; the client picks another one when its server dies. `nats://host:port`,
   * `tls://host:port` or `host:port` connect over TCP (Node only); `ws://host:port` or
   * `wss://host:port` over NATS's WebSocket listener (Node and browsers). All of one kind.
   */
  readonly servers?: string | readonly string[];
  /** One server URL; shorthand for a single-entry `servers`. */
  readonly url?: string;
  /** User name for user/password authentication. */
  readonly user?: string;
  /** Password for user/password authentication. */
  readonly pass?: string;
  /** Token for token authentication. */
  readonly token?: string;
  /**
   * nats.js authenticator(s), passed through unchanged: `nkeyAuthenticator`, `jwtAuthenticator`,
   * `credsAuthenticator` (a `.creds` file) from `@nats-io/nats-core` (nats.js v3).
   */
  readonly authenticator?: Authenticator | Authenticator[];
  /**
   * TLS settings passed through to nats.js for TCP servers; `null` refuses TLS even when the
   * server offers it. Not for `ws://`/`wss://` servers: `wss://` uses the runtime's own TLS.
   */
  readonly tls?: TlsOptions | null;
  /** Connection name shown by the server (monitoring, logs). @default the `clientId` given to `connect()` */
  readonly name?: string;
  /** Reconnect after the connection is lost. @default true */
  readonly reconnect?: boolean;
  /** Reconnect attempts per server before giving up on it; -1 never gives up. @default {@link DEFAULT_NATS_MAX_RECONNECT_ATTEMPTS} */
  readonly maxReconnectAttempts?: number;
  /** Milliseconds between reconnect attempts to the same server. @default {@link DEFAULT_NATS_RECONNECT_TIME_WAIT_MS} */
  readonly reconnectTimeWaitMs?: number;
  /** Milliseconds one connection attempt may take (TCP, TLS, handshake). @default {@link DEFAULT_NATS_CONNECT_TIMEOUT_MS} */
  readonly connectTimeoutMs?: number;
  /** Milliseconds between client pings that detect a dead connection. @default {@link DEFAULT_NATS_PING_INTERVAL_MS} */
  readonly pingIntervalMs?: number;
  /** Unanswered pings after which the connection counts as dead. @default {@link DEFAULT_NATS_MAX_PING_OUT} */
  readonly maxPingOut?: number;
  /** Milliseconds `close()` waits for subscriptions to drain before closing anyway. @default {@link DEFAULT_NATS_DRAIN_TIMEOUT_MS} */
  readonly drainTimeoutMs?: number;
  /** Try the servers in the given order instead of shuffling them. @default false */
  readonly noRandomize?: boolean;
}

/** Default server when neither `servers` nor `url` is given. */
export const DEFAULT_NATS_URL = "nats://127.0.0.1:4222";
/** Agents are long-lived: by default, never stop trying to reconnect. */
export const DEFAULT_NATS_MAX_RECONNECT_ATTEMPTS = -1;
/** Default pause between reconnect attempts to one server (nats.js adds jitter). */
export const DEFAULT_NATS_RECONNECT_TIME_WAIT_MS = 1_000;
/** Default limit for one connection attempt, so a dead address fails fast. */
export const DEFAULT_NATS_CONNECT_TIMEOUT_MS = 5_000;
/** Default ping interval; nats.js's own is two minutes, too slow to notice a dead peer. */
export const DEFAULT_NATS_PING_INTERVAL_MS = 20_000;
/** Default number of unanswered pings that mark the connection dead. */
export const DEFAULT_NATS_MAX_PING_OUT = 2;
/** Default time `close()` gives in-flight deliveries before closing. */
export const DEFAULT_NATS_DRAIN_TIMEOUT_MS = 2_000;

/** Everything the transport needs, with defaults filled in. */
export interface ResolvedNatsTransportOptions {
  readonly servers: readonly string[];
  /** True when the servers are `ws://`/`wss://` URLs (NATS over WebSocket). */
  readonly websocket: boolean;
  readonly name: string | undefined;
  readonly drainTimeoutMs: number;
  /** Passed to nats.js `connect()` or `wsconnect()` once `name` is known. */
  readonly connection: Readonly<ConnectionOptions>;
}

/** True for a `ws://` or `wss://` URL: a server reached over NATS's WebSocket listener. */
function isWebSocketUrl(server: string): boolean {
  return /^wss?:\/\//i.test(server);
}

function assertInteger(name: string, value: number, min: number, allowMinusOne = false): void {
  if (Number.isInteger(value) && (value >= min || (allowMinusOne && value === -1))) return;
  const range = `an integer >= ${min}${allowMinusOne ? " or -1" : ""}`;
  throw new TypeError(`nats transport: ${name} must be ${range}, got ${value}`);
}

/** Fills in defaults and checks combinations; never changes `options`. Throws a TypeError on bad input. */
export function resolveNatsTransportOptions(
  options: NatsTransportOptions = {},
): ResolvedNatsTransportOptions {
  if (options.servers !== undefined && options.url !== undefined) {
    throw new TypeError("nats transport: give either servers or url, not both");
  }
  if (options.pass !== undefined && options.user === undefined) {
    throw new TypeError("nats transport: pass needs user");
  }
  if (options.token !== undefined && options.user !== undefined) {
    throw new TypeError("nats transport: give either token or user/pass, not both");
  }
  const given = options.servers ?? options.url ?? DEFAULT_NATS_URL;
  const servers = typeof given === "string" ? [given] : [...given];
  if (servers.length === 0 || servers.some((s) => s.trim() === "")) {
    throw new TypeError("nats transport: servers must name at least one server and no empty one");
  }
  const websocket = servers.some(isWebSocketUrl);
  if (websocket && !servers.every(isWebSocketUrl)) {
    throw new TypeError(
      "nats transport: servers must all be ws:// or wss:// URLs, or none of them (one connection kind)",
    );
  }
  if (websocket && options.tls !== undefined) {
    throw new TypeError(
      "nats transport: tls applies to TCP servers only; wss:// uses the runtime's own TLS settings",
    );
  }
  const maxReconnectAttempts = options.maxReconnectAttempts ?? DEFAULT_NATS_MAX_RECONNECT_ATTEMPTS;
  const reconnectTimeWaitMs = options.reconnectTimeWaitMs ?? DEFAULT_NATS_RECONNECT_TIME_WAIT_MS;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_NATS_CONNECT_TIMEOUT_MS;
  const pingIntervalMs = options.pingIntervalMs ?? DEFAULT_NATS_PING_INTERVAL_MS;
  const maxPingOut = options.maxPingOut ?? DEFAULT_NATS_MAX_PING_OUT;
  const drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_NATS_DRAIN_TIMEOUT_MS;
  assertInteger("maxReconnectAttempts", maxReconnectAttempts, 0, true);
  assertInteger("reconnectTimeWaitMs", reconnectTimeWaitMs, 0);
  assertInteger("connectTimeoutMs", connectTimeoutMs, 1);
  assertInteger("pingIntervalMs", pingIntervalMs, 1);
  assertInteger("maxPingOut", maxPingOut, 1);
  assertInteger("drainTimeoutMs", drainTimeoutMs, 0);

  const connection: ConnectionOptions = {
    servers,
    reconnect: options.reconnect ?? true,
    maxReconnectAttempts,
    reconnectTimeWait: reconnectTimeWaitMs,
    timeout: connectTimeoutMs,
    pingInterval: pingIntervalMs,
    maxPingOut,
    noRandomize: options.noRandomize ?? false,
    // A first connect that fails must reject, not retry forever.
    waitOnFirstConnect: false,
  };
  if (options.user !== undefined) connection.user = options.user;
  if (options.pass !== undefined) connection.pass = options.pass;
  if (options.token !== undefined) connection.token = options.token;
  if (options.authenticator !== undefined) connection.authenticator = options.authenticator;
  if (options.tls !== undefined) connection.tls = options.tls;
  return { servers, websocket, name: options.name, drainTimeoutMs, connection };
}
