/** The conformance suite's "bad-input" section (testing/conformance/bad-input.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets)
  await describeTransportConformance(target, { sections: ["bad-input"] });
