/**
 * Options of {@link createWebSocketTransport}, their defaults, and the one function that checks
 * them. Browser-safe: no Node imports.
 */

/** A socket event handler slot; declared through a method so DOM and `ws` sockets both fit. */
export type WebSocketEventHandler<E> = { bivariance(event: E): void }["bivariance"] | null;

/** The part of the WebSocket API the transport uses: the browser's and `ws`'s both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: WebSocketEventHandler<unknown>;
  onmessage: WebSocketEventHandler<{ readonly data: unknown }>;
  onclose: WebSocketEventHandler<{ readonly code: number; readonly reason: string }>;
  onerror: WebSocketEventHandler<unknown>;
}

/**
 * What Node's socket (`node.ts`, over `ws`) adds to {@link WebSocketLike}: text messages as their
 * UTF-8 bytes, both ways, so a message body never becomes a string in the transport. Browsers'
 * sockets hand text over as strings only, and send bytes as binary messages: they lack this.
 */
export interface TextBytesSocket extends WebSocketLike {
  /** Set instead of `onmessage`: each message as bytes, `binary` for a binary message. */
  onbytes: ((bytes: Uint8Array, binary: boolean) => void) | null;
  /** Sends a text message; given as bytes, they must be valid UTF-8. */
  sendText(data: string | Uint8Array): void;
  /** True when `bytes` are valid UTF-8 (and so may be sent as text). */
  isUtf8(bytes: Uint8Array): boolean;
}

/** True for a socket that moves text messages as bytes ({@link TextBytesSocket}). */
export function movesTextAsBytes(socket: WebSocketLike): socket is TextBytesSocket {
  return "onbytes" in socket && typeof (socket as Partial<TextBytesSocket>).sendText === "function";
}

/** A WebSocket constructor: `globalThis.WebSocket` in browsers, `WebSocket` from `ws` in Node. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Options for {@link createWebSocketTransport}. */
export interface WebSocketTransportOptions {
  /** The hub's URL, e.g. `ws://127.0.0.1:8080` (`hub.url`). */
  readonly url: string;
  /** Token the hub checks on hello. */
  readonly token?: string;
  /**
   * The WebSocket constructor. Node 20 has no global one: import `createWebSocketTransport`
   * from `transports/websocket/node.ts`, which passes `ws`'s.
   * @default globalThis.WebSocket
   */
  readonly WebSocket?: WebSocketConstructor;
  /** Give up on one connection attempt (open + hello + welcome) after this long. @default 10_000 */
  readonly connectTimeoutMs?: number;
  /** Wait before the first reconnect attempt; doubles per failure. `false` never reconnects. @default 100 */
  readonly reconnectDelayMs?: number | false;
  /** Longest wait between reconnect attempts. @default 5_000 */
  readonly reconnectMaxDelayMs?: number;
}

/** Default limit for one connection attempt (open, hello, welcome). */
export const DEFAULT_WS_CONNECT_TIMEOUT_MS = 10_000;
/** Default wait before the first reconnect attempt. */
export const DEFAULT_WS_RECONNECT_DELAY_MS = 100;
/** Default longest wait between reconnect attempts. */
export const DEFAULT_WS_RECONNECT_MAX_DELAY_MS = 5_000;

/** Options with every default filled in. */
export interface ResolvedWebSocketTransportOptions {
  readonly url: string;
  readonly token: string | undefined;
  readonly WebSocket: WebSocketConstructor;
  readonly connectTimeoutMs: number;
  readonly reconnectDelayMs: number | false;
  readonly reconnectMaxDelayMs: number;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(`websocket transport: ${name} must be a positive number, got ${value}`);
  }
  return value;
}

/** Returns a new, complete options object; throws a TypeError naming a bad option. */
export function resolveWebSocketTransportOptions(
  options: WebSocketTransportOptions,
): ResolvedWebSocketTransportOptions {
  if (typeof options.url !== "string" || !/^wss?:\/\//.test(options.url)) {
    throw new TypeError(
      `websocket transport: url must start with ws:// or wss://, got ${String(options.url)}`,
    );
  }
  const WebSocket = options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
  if (WebSocket === undefined) {
    throw new TypeError(
      "websocket transport: no global WebSocket here (Node 20): use createWebSocketTransport from transports/websocket/node.js, or pass the WebSocket option",
    );
  }
  const reconnectDelayMs = options.reconnectDelayMs ?? DEFAULT_WS_RECONNECT_DELAY_MS;
  return {
    url: options.url,
    token: options.token,
    WebSocket,
    connectTimeoutMs: positive(
      "connectTimeoutMs",
      options.connectTimeoutMs ?? DEFAULT_WS_CONNECT_TIMEOUT_MS,
    ),
    reconnectDelayMs:
      reconnectDelayMs === false ? false : positive("reconnectDelayMs", reconnectDelayMs),
    reconnectMaxDelayMs: positive(
      "reconnectMaxDelayMs",
      options.reconnectMaxDelayMs ?? DEFAULT_WS_RECONNECT_MAX_DELAY_MS,
    ),
  };
}

/**
 * Milliseconds to wait before reconnect attempt `failures + 1`: doubling from `reconnectDelayMs`
 * up to `reconnectMaxDelayMs`, with jitter so the clients of a restarted hub spread out.
 */
export function reconnectDelay(
  options: ResolvedWebSocketTransportOptions,
  failures: number,
): number {
  const first = options.reconnectDelayMs === false ? 0 : options.reconnectDelayMs;
  const base = Math.min(options.reconnectMaxDelayMs, first * 2 ** failures);
  return base / 2 + (Math.random() * base) / 2;
}
