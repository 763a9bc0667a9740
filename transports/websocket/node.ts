/**
 * Node entry point of the WebSocket transport: the hub, and the client transport with `ws`'s
 * WebSocket filled in (Node 20 has no global WebSocket). Browsers use `index.ts` instead.
 * @module parley-a2a/transports/websocket/node
 */
import { isUtf8 } from "node:buffer";
import { createRequire } from "node:module";
import type { RawData, WebSocket } from "ws";
import { requireOptional } from "../../src/util/optional-package.js";
import type { Transport } from "../transport.js";
import { batchWrites } from "../write-batching.js";
import type {
  TextBytesSocket,
  WebSocketConstructor,
  WebSocketTransportOptions,
} from "./client-options.js";
import { createWebSocketTransport as createTransport } from "./client-transport.js";
import { AS_TEXT, messageBytes } from "./ws-message-bytes.js";

/**
 * `ws`'s WebSocket, its writes of one event-loop turn batched (see `../write-batching.ts`), and
 * text messages moved as bytes ({@link TextBytesSocket}): `ws` reads them as bytes (and checks
 * their UTF-8) and writes bytes as they are, so turning them into strings would only cost.
 * Defined once `ws` (an optional peer dependency) is loaded.
 */
function defineBatchingWebSocket(Base: typeof WebSocket) {
  return class BatchingWebSocket extends Base implements TextBytesSocket {
    #holdWrites: ((size: number) => void) | undefined;
    onbytes: ((bytes: Uint8Array, binary: boolean) => void) | null = null;

    constructor(url: string) {
      super(url);
      this.once("upgrade", (response) => {
        this.#holdWrites = batchWrites(response.socket);
      });
      this.on("message", (data: RawData, binary: boolean) =>
        this.onbytes?.(messageBytes(data), binary),
      );
    }

    sendText(data: string | Uint8Array): void {
      // The transport's path, on every frame: straight to `ws`, without `send`'s argument list.
      this.#holdWrites?.(typeof data === "string" ? Buffer.byteLength(data) : data.byteLength);
      super.send(data, AS_TEXT);
    }

    isUtf8(bytes: Uint8Array): boolean {
      return isUtf8(bytes);
    }

    override send(...args: [data: unknown, optionsOrCallback?: unknown, callback?: unknown]): void {
      this.#holdWrites?.(byteSize(args[0]));
      (super.send as (...sendArgs: unknown[]) => void).apply(this, args);
    }
  };
}

/** About the bytes `ws` writes for `data` (a string, a buffer or view, a Blob). */
function byteSize(data: unknown): number {
  if (typeof data === "string") return Buffer.byteLength(data);
  if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return data.byteLength;
  if (data instanceof Blob) return data.size;
  return 0;
}

let batchingWebSocket: WebSocketConstructor | undefined;

/**
 * The batching WebSocket, `ws` loaded on first use. Synchronously (`ws` is CommonJS), because
 * creating a transport is: a missing `ws` is a one-line error from `createWebSocketTransport`.
 */
function loadBatchingWebSocket(): WebSocketConstructor {
  batchingWebSocket ??= defineBatchingWebSocket(
    requireOptional(
      ["ws"],
      "parley-a2a/transports/websocket/node",
      () => createRequire(import.meta.url)("ws") as typeof import("ws"),
    ).WebSocket,
  );
  return batchingWebSocket;
}

/**
 * {@link createTransport} with `ws`'s WebSocket as the default constructor (`ws` is needed only
 * when `options.WebSocket` is not given).
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  return createTransport({ WebSocket: options.WebSocket ?? loadBatchingWebSocket(), ...options });
}

export { isTransportRefused, TransportRefusedError } from "../transport-refused-error.js";
export type {
  WebSocketConstructor,
  WebSocketEventHandler,
  WebSocketLike,
  WebSocketTransportOptions,
} from "./client-options.js";
export {
  DEFAULT_WS_CONNECT_TIMEOUT_MS,
  DEFAULT_WS_RECONNECT_DELAY_MS,
  DEFAULT_WS_RECONNECT_MAX_DELAY_MS,
} from "./client-options.js";
export { HubCloseCode } from "./frames.js";
export type { HeldStats } from "./held-messages.js";
export type { HubStats, WebSocketHub } from "./hub.js";
export { createWebSocketHub } from "./hub.js";
export type { HubBridgeStats } from "./hub-bridge.js";
export { HUB_ORIGIN_KEY, HUB_RETAIN_KEY } from "./hub-bridge.js";
export { HubConnectionError } from "./hub-link.js";
export type { HubBridgeOptions, WebSocketHubOptions } from "./hub-options.js";
export {
  DEFAULT_HUB_BRIDGE_PATTERN,
  DEFAULT_HUB_HELLO_TIMEOUT_MS,
  DEFAULT_HUB_HOST,
  DEFAULT_HUB_MAX_BUFFERED_BYTES,
  DEFAULT_HUB_MAX_FRAME_BYTES,
  DEFAULT_HUB_MAX_HELD_BYTES,
  DEFAULT_HUB_MAX_HELD_MESSAGES,
  DEFAULT_HUB_MAX_HELD_SECONDS,
  DEFAULT_HUB_MAX_RETAINED_BYTES,
  DEFAULT_HUB_MAX_RETAINED_MESSAGES,
  DEFAULT_HUB_MAX_SUBSCRIPTIONS_PER_CLIENT,
  DEFAULT_HUB_PING_INTERVAL_MS,
} from "./hub-options.js";
