/**
 * Browser-safe entry point of the NATS transport (no Node imports): NATS over WebSocket
 * (`ws://`, `wss://` servers, the nats-server's `websocket` listener) with the browser's
 * WebSocket, through nats.js's `wsconnect`. Node code imports `index.ts`, which also dials TCP.
 * @module parley-a2a/transports/nats/browser
 */
import type { WsSocketFactory } from "@nats-io/nats-core";
import { importOptional } from "../../src/util/optional-package.js";
import type { NatsConnector } from "./nats-connector.js";
import type { NatsTransport } from "./nats-transport.js";
import { createNatsTransportWith } from "./nats-transport.js";
import type { NatsTransportOptions } from "./nats-transport-options.js";

/**
 * The browser's WebSocket, closing with status 1000 (normal closure) where nats.js gives none.
 * nats-server releases from before December 2024 (Debian's 2.9.10 among them) answer a close
 * frame without a status with one carrying 1005, which must never go on the wire
 * (nats-io/nats-server#6259): Chromium then logs "Received a broken close frame containing a
 * reserved status code" as a console error on every `close()`. Given 1000, they echo 1000.
 */
const wsFactory: WsSocketFactory = async (url) => {
  const socket = new WebSocket(url);
  const close = socket.close.bind(socket);
  socket.close = (code = 1000, reason) => close(code, reason);
  return { socket, encrypted: url.toLowerCase().startsWith("wss://") };
};

const browserConnector: NatsConnector = {
  tcp: false,
  async load() {
    const { headers, wsconnect } = await importOptional(
      ["@nats-io/nats-core"],
      "parley-a2a/transports/nats/browser",
      () => import("@nats-io/nats-core"),
    );
    return { connect: (options) => wsconnect({ ...options, wsFactory }), headers };
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
