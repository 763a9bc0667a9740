/**
 * The testing kit: a memory network with faults on demand (latency, loss, duplicates, reordering,
 * partitions, broker restarts) that records every message, and the transport conformance suite
 * as a library. The suite needs vitest (an optional peer dependency), loaded only when it runs;
 * the network needs nothing. Virtual time: docs/testing.md.
 * @module parley-a2a/testing
 */
export type { ConformanceOptions } from "./conformance/run.js";
export {
  CONFORMANCE_TEST_TIMEOUT_MS,
  describeTransportConformance,
} from "./conformance/run.js";
export type { ConformanceSectionName } from "./conformance/section-names.js";
export { CONFORMANCE_SECTIONS } from "./conformance/section-names.js";
export type { ConformanceEnvironment, ConformanceTarget } from "./conformance/target.js";
export type { CapturedMessage } from "./network/captured-message.js";
export type { FaultCounts } from "./network/faulty-delivery.js";
export type { NetworkFaults } from "./network/network-faults.js";
export type { Partition } from "./network/partitions.js";
export type { RestartOptions, TestNetwork, TestNetworkOptions } from "./network/test-network.js";
export {
  capturedOn,
  createTestNetwork,
  DEFAULT_TEST_NETWORK_SEED,
} from "./network/test-network.js";
