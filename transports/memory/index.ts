export type { MemoryNetwork } from "./memory-network.js";
export { createMemoryNetwork } from "./memory-network.js";
export type { MemoryTransportOptions } from "./memory-transport.js";
export { createMemoryTransport, DEFAULT_MEMORY_RECONNECT_DELAY_MS } from "./memory-transport.js";
