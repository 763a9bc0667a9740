/** The conformance suite's "omitted-keys" section (testing/conformance/omitted-keys.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets)
  await describeTransportConformance(target, { sections: ["omitted-keys"] });
