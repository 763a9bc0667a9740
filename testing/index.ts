/**
 * The testing kit: a memory network with faults on demand, and the transport conformance suite
 * as a library (it needs vitest, an optional peer dependency, loaded only when the suite runs).
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
