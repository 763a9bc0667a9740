/** The conformance suite's "dispatch" section (testing/conformance/dispatch.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets)
  await describeTransportConformance(target, { sections: ["dispatch"] });
