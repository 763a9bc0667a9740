/**
 * Browser-safe entry point of the WebSocket transport (no Node or `ws` imports): the client
 * transport over the browser's WebSocket. Node code imports `node.ts`, which also has the hub.
 * @module parley-a2a/transports/websocket
 */

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
export { createWebSocketTransport } from "./client-transport.js";
export { HubCloseCode } from "./frames.js";
export { HubConnectionError } from "./hub-link.js";
