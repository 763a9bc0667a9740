/**
 * The script of the test page (bundled with esbuild for the browser): Parley's runtime with the
 * WebSocket, MQTT and NATS (over WebSocket) transports, put on `window` for the test to drive
 * with `page.evaluate`.
 */
import { createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/browser.js";
import { createNatsTransport } from "../../transports/nats/browser.js";
import { createWebSocketTransport } from "../../transports/websocket/index.js";

export const parley = {
  createAgent,
  createMqttTransport,
  createNatsTransport,
  createWebSocketTransport,
};

/** What the page puts on `window`. */
export interface PageGlobals {
  parley: typeof parley;
  parleyReady: boolean;
}

const globals = window as unknown as PageGlobals;
globals.parley = parley;
globals.parleyReady = true;
