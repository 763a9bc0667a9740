/** The conformance suite's "broadcast" section (testing/conformance/broadcast.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets)
  await describeTransportConformance(target, { sections: ["broadcast"] });
