/** The in-memory transport as a conformance target. */

import type { ConformanceTarget } from "../../../testing/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../../../transports/memory/index.js";
import type { Transport } from "../../../transports/transport.js";

/** A memory target whose transports are `wrap(memory transport)` (tests of the suite itself wrap them). */
export function memoryTargetWrapping(
  name: string,
  wrap: (memory: Transport) => Transport = (memory) => memory,
): ConformanceTarget {
  return {
    name,
    features: { retained: true, lastWill: true, groups: true, metadata: true, expiry: true },
    brokerRestart: false,
    async setup() {
      const network = createMemoryNetwork();
      const clientIds = new Map<Transport, string>();
      return {
        createTransport() {
          const transport = wrap(createMemoryTransport({ network }));
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
}

export const memoryTarget = memoryTargetWrapping("memory");
