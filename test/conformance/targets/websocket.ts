/**
 * The WebSocket transport on a private hub (loopback, free port) as a conformance target.
 * `dropConnection` has the hub cut the client's socket (as a network failure would: the Last
 * Will is published, the client reconnects); `restartBroker` closes the hub and starts a new one
 * on the same port (retained messages are lost with it: the hub keeps state in memory).
 */

import type { ConformanceTarget } from "../../../testing/index.js";
import type { Transport } from "../../../transports/transport.js";
import {
  createWebSocketHub,
  createWebSocketTransport,
  type WebSocketHub,
} from "../../../transports/websocket/node.js";

/**
 * Has the hub cut a client's socket and resolves once the hub has noticed (and published the
 * Last Will), as the memory network does.
 */
export async function dropHubClient(hub: WebSocketHub, clientId: string): Promise<void> {
  const gone = new Promise<void>((resolve) => {
    const off = hub.onClientClosed((event) => {
      if (event.clientId !== clientId) return;
      off();
      resolve();
    });
  });
  if (!hub.dropClient(clientId)) throw new Error(`client ${clientId} is not connected to the hub`);
  await gone;
}

export const websocketTarget: ConformanceTarget = {
  name: "websocket hub",
  features: { retained: true, lastWill: true, groups: true, metadata: true, expiry: true },
  brokerRestart: true,
  async setup() {
    let hub: WebSocketHub = await createWebSocketHub();
    const clientIds = new Map<Transport, string>();
    const transports = new Set<Transport>();
    return {
      createTransport() {
        const transport = createWebSocketTransport({
          url: hub.url,
          reconnectDelayMs: 20,
          reconnectMaxDelayMs: 500,
        });
        transports.add(transport);
        const connect = transport.connect.bind(transport);
        transport.connect = async (options) => {
          clientIds.set(transport, options.clientId);
          await connect(options);
        };
        return transport;
      },
      async dropConnection(transport) {
        const clientId = clientIds.get(transport);
        if (clientId === undefined) throw new Error("transport was never connected");
        await dropHubClient(hub, clientId);
      },
      async restartBroker() {
        const port = hub.port;
        await hub.close();
        hub = await createWebSocketHub({ port });
      },
      async teardown() {
        await Promise.allSettled([...transports].map((t) => t.close()));
        await hub.close();
      },
    };
  },
};

/** Every WebSocket row of the conformance table. */
export const websocketTargets: readonly ConformanceTarget[] = [websocketTarget];
