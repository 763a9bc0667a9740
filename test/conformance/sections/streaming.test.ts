/** The conformance suite's "streaming" section (testing/conformance/streaming.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets)
  await describeTransportConformance(target, { sections: ["streaming"] });
