/**
 * How the examples connect: `memory:` (default: one in-process network), or a broker URL given as
 * the first argument (`mqtt://...`, `nats://...`, `ws://...`).
 */
import type { Transport } from "../src/transport.js";
import { createMemoryNetwork, createMemoryTransport } from "../transports/memory/index.js";
import { createMqttTransport } from "../transports/mqtt/index.js";
import { createNatsTransport } from "../transports/nats/index.js";
import { createWebSocketTransport } from "../transports/websocket/node.js";

const network = createMemoryNetwork();

/** A new transport to the example's URL (`process.argv[2]`, default in-memory). */
export function exampleTransport(url = process.argv[2] ?? "memory:"): Transport {
  if (url.startsWith("mqtt")) return createMqttTransport({ url });
  if (url.startsWith("nats")) return createNatsTransport({ url });
  if (url.startsWith("ws")) return createWebSocketTransport({ url });
  return createMemoryTransport({ network });
}
