/**
 * Node's {@link NatsConnector}: TCP servers through `@nats-io/transport-node`, `ws://`/`wss://`
 * servers through nats.js's `wsconnect`. `wsconnect` expects the W3C WebSocket global, which
 * Node has from 22 on (20 only behind `--experimental-websocket`); without it, `ws` stands in.
 *
 * nats.js v3 keeps the transport kind (TCP or WebSocket) in one process-wide setting that each
 * `connect()`/`wsconnect()` overwrites and every reconnect reads: a TCP connection opened before
 * a WebSocket one would then try to reconnect over WebSocket, and fail for good. So while NATS
 * connections of one kind are open in this process, connecting with the other kind is refused.
 */
import type { NatsConnection, WsSocketFactory } from "@nats-io/nats-core";
import { importOptional } from "../../src/util/optional-package.js";
import type { NatsConnector } from "./nats-connector.js";

/** What a Node user installs for this transport (nats.js's Node transport needs its core). */
const NATS_PACKAGES = ["@nats-io/transport-node", "@nats-io/nats-core"];
const USER = "parley-a2a/transports/nats";

/**
 * `ws`'s WebSocket where the runtime has no global one; `ws` covers the W3C API nats.js uses.
 * Imported only then: on Node 22 and later `ws` is not needed at all.
 */
async function nodeWsFactory(): Promise<WsSocketFactory> {
  const { WebSocket: NodeWebSocket } = await importOptional(
    ["ws"],
    `${USER} (ws:// servers on a Node without a global WebSocket)`,
    () => import("ws"),
  );
  return async (url) => ({
    socket: new NodeWebSocket(url) as unknown as WebSocket,
    encrypted: url.toLowerCase().startsWith("wss://"),
  });
}
type Kind = "TCP" | "WebSocket";
/** Open (or opening) connections of this process made through this connector, by kind. */
const open: Record<Kind, number> = { TCP: 0, WebSocket: 0 };

async function connectAs(kind: Kind, dial: () => Promise<NatsConnection>): Promise<NatsConnection> {
  const other: Kind = kind === "TCP" ? "WebSocket" : "TCP";
  if (open[other] > 0) {
    throw new Error(
      `this process has NATS connections over ${other} open, and nats.js v3 serves one kind per process: close them before connecting over ${kind}`,
    );
  }
  open[kind]++;
  let nc: NatsConnection;
  try {
    nc = await dial();
  } catch (err) {
    open[kind]--;
    throw err;
  }
  void nc.closed().then(() => {
    open[kind]--;
  });
  return nc;
}

export const nodeConnector: NatsConnector = {
  tcp: true,
  async load() {
    const [{ headers, wsconnect }, { connect }] = await Promise.all([
      importOptional(NATS_PACKAGES, USER, () => import("@nats-io/nats-core")),
      importOptional(NATS_PACKAGES, USER, () => import("@nats-io/transport-node")),
    ]);
    return {
      headers,
      connect(options, websocket) {
        if (!websocket) return connectAs("TCP", () => connect(options));
        return connectAs("WebSocket", async () =>
          typeof globalThis.WebSocket === "function"
            ? wsconnect(options)
            : wsconnect({ ...options, wsFactory: await nodeWsFactory() }),
        );
      },
    };
  },
};
