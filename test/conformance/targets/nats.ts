/**
 * Conformance target: the NATS transport on a private nats-server. NATS core keeps no messages
 * and has no Last Will, so `retained`, `lastWill` and `expiry` are declared missing.
 *
 * Transports reach the server through a partition proxy, so `dropConnection` can behave like a
 * crashed peer: its connection is reset and it stays away for {@link DROP_OUTAGE_MS} before
 * nats.js gets it back. Without a Last Will, others notice a dead agent only by its missed
 * heartbeats, so a drop that healed within one heartbeat would be no drop at all.
 */

import type { ConformanceTarget } from "../../../testing/index.js";
import { createNatsTransport } from "../../../transports/nats/index.js";
import type { Transport } from "../../../transports/transport.js";
import { startNatsPartitionProxy } from "../../harness/nats-partition-proxy.js";
import { startNatsServer } from "../../harness/nats-server.js";

/** Reconnect quickly: tests wait for reconnects. */
const TEST_RECONNECT_TIME_WAIT_MS = 50;
/**
 * A connection the proxy turns away mid-handshake fails only when nats.js's connect timeout
 * runs out, so keep it short for a quick comeback after an outage.
 */
const TEST_CONNECT_TIMEOUT_MS = 500;
/**
 * How long a dropped transport stays cut off: well beyond three missed fast heartbeats (the
 * suite's agents beat every 100-200 ms) plus a directory sweep, on a slow shared machine.
 */
export const DROP_OUTAGE_MS = 1_500;

export const natsTarget: ConformanceTarget = {
  name: "nats",
  features: { retained: false, lastWill: false, groups: true, metadata: true, expiry: false },
  brokerRestart: true,
  async setup() {
    const server = await startNatsServer();
    const proxy = await startNatsPartitionProxy(server.port);
    // Each transport gets its own connection name, by which the proxy knows it.
    const names = new Map<Transport, string>();
    return {
      createTransport() {
        const name = `conformance-${names.size + 1}`;
        const transport = createNatsTransport({
          url: proxy.url,
          name,
          reconnectTimeWaitMs: TEST_RECONNECT_TIME_WAIT_MS,
          connectTimeoutMs: TEST_CONNECT_TIMEOUT_MS,
        });
        names.set(transport, name);
        return transport;
      },
      async dropConnection(transport) {
        const name = names.get(transport);
        if (name === undefined) throw new Error("not a transport of this environment");
        await proxy.partition(name, DROP_OUTAGE_MS);
      },
      restartBroker: () => server.restart(),
      async teardown() {
        await Promise.all([...names.keys()].map((t) => t.close().catch(() => {})));
        await proxy.stop();
        await server.stop();
      },
    };
  },
};
