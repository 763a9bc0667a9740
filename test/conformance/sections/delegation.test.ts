/** The conformance suite's "delegation" section (testing/conformance/delegation.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets)
  await describeTransportConformance(target, { sections: ["delegation"] });
