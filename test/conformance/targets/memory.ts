/** The in-memory transport as a conformance target. */

import type { ConformanceTarget } from "../../../testing/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../../../transports/memory/index.js";
import type { Transport } from "../../../transports/transport.js";

export const memoryTarget: ConformanceTarget = {
  name: "memory",
  features: { retained: true, lastWill: true, groups: true, metadata: true, expiry: true },
  brokerRestart: false,
  async setup() {
    const network = createMemoryNetwork();
    const clientIds = new Map<Transport, string>();
    return {
      createTransport() {
        const transport = createMemoryTransport({ network });
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
        network.drop(clientId);
      },
      async teardown() {},
    };
  },
};
