/** The conformance suite's "pools" section (testing/conformance/pools.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets) await describeTransportConformance(target, { sections: ["pools"] });
