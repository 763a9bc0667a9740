/** The conformance suite's "error-reply-size" section (testing/conformance/error-reply-size.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets)
  await describeTransportConformance(target, { sections: ["error-reply-size"] });
