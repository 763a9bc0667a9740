/**
 * Browser-safe entry point of the NATS transport (no Node imports): NATS over WebSocket
 * (`ws://`, `wss://` servers, the nats-server's `websocket` listener) with the browser's
 * WebSocket, through nats.js's `wsconnect`. Node code imports `index.ts`, which also dials TCP.
 * @module parley-a2a/transports/nats/browser
 */
import { importOptional } from "../optional-package.js";
import type { NatsConnector } from "./nats-connector.js";
import type { NatsTransport } from "./nats-transport.js";
import { createNatsTransportWith } from "./nats-transport.js";
import type { NatsTransportOptions } from "./nats-transport-options.js";

const browserConnector: NatsConnector = {
  tcp: false,
  async load() {
    const { headers, wsconnect } = await importOptional(
      ["@nats-io/nats-core"],
      "parley-a2a/transports/nats/browser",
      () => import("@nats-io/nats-core"),
    );
    return { connect: (options) => wsconnect(options), headers };
  },
};

/**
 * Creates a NATS transport to `ws://`/`wss://` servers; nothing connects until `connect()`.
 * Throws a TypeError on bad options or on TCP servers, which browsers cannot dial.
 */
export function createNatsTransport(options: NatsTransportOptions): NatsTransport {
  return createNatsTransportWith(browserConnector, options);
}

export type { NatsTransport } from "./nats-transport.js";
export * from "./nats-transport-exports.js";
