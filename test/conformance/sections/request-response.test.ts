/** The conformance suite's "request-response" section (testing/conformance/request-response.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets)
  await describeTransportConformance(target, { sections: ["request-response"] });
