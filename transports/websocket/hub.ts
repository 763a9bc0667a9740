/**
 * The Parley WebSocket hub: a small broker for browsers and other WebSocket clients, speaking
 * the frame protocol in `frames.ts`. MQTT-style routing (`+`, `#`), retained messages, Last Will
 * on unclean disconnect, groups, metadata and expiry; token check on hello; ping keepalive;
 * bounded per-client buffers (policy in `hub-session.ts`: messages for a slow consumer are
 * dropped and counted); a QoS 1 publish nobody is subscribed to yet is held for the next
 * matching subscription, or refused when the hold is full (`held-messages.ts`), never acked and
 * dropped; optional bridge to another fabric (`hub-bridge.ts`).
 *
 * State lives in memory: a restarted hub starts without retained messages, except those its
 * bridge's broker replays.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { importOptional } from "../../src/util/optional-package.js";
import { batchWrites } from "../write-batching.js";
import { HubCloseCode } from "./frames.js";
import type { HeldStats } from "./held-messages.js";
import { createHubBridge, type HubBridge, type HubBridgeStats } from "./hub-bridge.js";
import { serveConnection } from "./hub-connection.js";
import { createHubCore } from "./hub-core.js";
import { resolveHubOptions, type WebSocketHubOptions } from "./hub-options.js";
import type { HubCounters, HubSession } from "./hub-session.js";

/** Counters and sizes of a running hub. */
export interface HubStats extends Readonly<HubCounters>, HeldStats {
  /** Connections that said hello. */
  readonly clients: number;
  /** Open sockets, including those that have not said hello yet. */
  readonly connections: number;
  readonly subscriptions: number;
  readonly retained: number;
  /** Bytes of the retained messages (addresses, bodies, metadata). */
  readonly retainedBytes: number;
  /** Bytes queued for the client with the longest queue. */
  readonly maxClientBufferedBytes: number;
  readonly bridge: HubBridgeStats | undefined;
}

/** A running hub. */
export interface WebSocketHub {
  /** `ws://host:port`, for `createWebSocketTransport({ url })`. */
  readonly url: string;
  readonly port: number;
  stats(): HubStats;
  /** Cuts a client's socket as a network failure would (its Last Will is published). */
  dropClient(clientId: string): boolean;
  /**
   * Listens for clients going away (`clean` false: it was cut or died and its Last Will, if any,
   * has been published). Returns a function that stops listening.
   */
  onClientClosed(
    listener: (event: { readonly clientId: string; readonly clean: boolean }) => void,
  ): () => void;
  /** Stops listening and cuts every client (no Last Wills). Idempotent. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === "EADDRINUSE"
          ? "is already in use"
          : `cannot be listened on (${error.code ?? error.message})`;
      reject(new Error(`websocket hub: port ${port} on ${host} ${reason}`, { cause: error }));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts a hub; resolves once it listens (and its bridge, if any, is subscribed). */
export async function createWebSocketHub(options: WebSocketHubOptions = {}): Promise<WebSocketHub> {
  const resolved = resolveHubOptions(options);
  const { WebSocketServer } = await importOptional(
    ["ws"],
    "the WebSocket hub (parley-a2a/transports/websocket/node)",
    () => import("ws"),
  );
  const counters: HubCounters = {
    dropped: 0,
    slowDisconnects: 0,
    pingTimeouts: 0,
    badFrames: 0,
    refusedConnections: 0,
  };
  const sessions = new Set<HubSession>();
  let bridge: HubBridge | undefined;
  const closedListeners = new Set<
    (event: { readonly clientId: string; readonly clean: boolean }) => void
  >();
  const core = createHubCore({
    ...resolved,
    forward: (message) => bridge?.forward(message) ?? false,
    detached: (clientId, clean) => {
      for (const listener of [...closedListeners]) listener({ clientId, clean });
    },
  });
  const hubId = randomUUID();
  if (resolved.bridge)
    bridge = createHubBridge(
      resolved.bridge,
      hubId,
      (message) => core.publish(message, "bridge"),
      () => core.localRetained(),
    );

  const server = createServer((_request, response) => {
    response.writeHead(426, { "content-type": "text/plain" });
    response.end("parley websocket hub: connect with a WebSocket client\n");
  });
  // The bridge is up before clients can publish into it.
  try {
    await bridge?.start();
  } catch (error) {
    await bridge?.close().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`websocket hub: bridge failed to start: ${reason}`, { cause: error });
  }
  let port: number;
  try {
    port = await listen(server, resolved.port, resolved.host);
  } catch (error) {
    await bridge?.close().catch(() => {});
    throw error;
  }
  const wss = new WebSocketServer({ server, maxPayload: resolved.maxFrameBytes });
  // ws re-emits the http server's runtime errors (e.g. EMFILE on accept); the hub carries on.
  wss.on("error", () => {});
  wss.on("connection", (socket, request) => {
    if (sessions.size >= resolved.maxConnections) {
      counters.refusedConnections++;
      socket.close(HubCloseCode.tryAgainLater, "hub is full: try again later");
      return;
    }
    const session = serveConnection(
      socket,
      core,
      resolved,
      counters,
      // Well under the client's buffer limit: held bytes count in it.
      batchWrites(
        request.socket,
        Math.min(
          Math.floor(request.socket.writableHighWaterMark / 2),
          Math.floor(resolved.maxBufferedBytes / 4),
        ),
      ),
    );
    sessions.add(session);
    socket.on("close", () => sessions.delete(session));
  });

  const pinger =
    resolved.pingIntervalMs > 0
      ? setInterval(() => {
          for (const session of sessions) {
            if (!session.alive) {
              counters.pingTimeouts++;
              session.cut();
              continue;
            }
            session.alive = false;
            session.socket.ping();
          }
        }, resolved.pingIntervalMs)
      : undefined;
  pinger?.unref();

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    clearInterval(pinger);
    for (const session of sessions) {
      session.clean = true;
      session.cut();
    }
    await new Promise<void>((resolve) => {
      wss.close(() => resolve());
    });
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await bridge?.close();
  }

  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  return {
    url: `ws://${host}:${port}`,
    port,
    stats() {
      let maxClientBufferedBytes = 0;
      for (const session of sessions) {
        maxClientBufferedBytes = Math.max(maxClientBufferedBytes, session.socket.bufferedAmount);
      }
      return {
        ...counters,
        clients: [...core.sessions()].length,
        connections: sessions.size,
        subscriptions: core.subscriptionCount(),
        retained: core.retainedCount(),
        retainedBytes: core.retainedBytes(),
        ...core.heldStats(),
        maxClientBufferedBytes,
        bridge: bridge?.stats(),
      };
    },
    dropClient(clientId) {
      const session = core.session(clientId);
      session?.cut();
      return session !== undefined;
    },
    onClientClosed(listener) {
      closedListeners.add(listener);
      return () => closedListeners.delete(listener);
    },
    close() {
      closing ??= close();
      return closing;
    },
  };
}
