/**
 * The in-memory transport: agents of one process on a shared network, for tests and demos.
 * @module parley-a2a/transports/memory
 */
export type { MemoryNetwork, NetworkClient, NetworkSubscription } from "./memory-network.js";
export { createMemoryNetwork } from "./memory-network.js";
export type { MemoryTransportOptions } from "./memory-transport.js";
export { createMemoryTransport, DEFAULT_MEMORY_RECONNECT_DELAY_MS } from "./memory-transport.js";
