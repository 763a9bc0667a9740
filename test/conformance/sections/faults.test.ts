/** The conformance suite's "faults" section (testing/conformance/faults.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets) await describeTransportConformance(target, { sections: ["faults"] });
