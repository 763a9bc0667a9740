/**
 * Node entry point of the NATS transport: TCP (`nats://`, `tls://`) and WebSocket (`ws://`,
 * `wss://`) servers. Browsers use `browser.ts` (WebSocket only, no Node imports).
 * @module parley-a2a/transports/nats
 */
import type { NatsTransport } from "./nats-transport.js";
import { createNatsTransportWith } from "./nats-transport.js";
import type { NatsTransportOptions } from "./nats-transport-options.js";
import { nodeConnector } from "./node-connector.js";

/** Creates a NATS transport; nothing connects until `connect()`. Throws a TypeError on bad options. */
export function createNatsTransport(options: NatsTransportOptions = {}): NatsTransport {
  return createNatsTransportWith(nodeConnector, options);
}

export type { NatsTransport } from "./nats-transport.js";
export * from "./nats-transport-exports.js";
