/** The conformance suite's "transport-semantics" section (testing/conformance/transport-semantics.ts) on every target. */
import { describeTransportConformance } from "../../../testing/index.js";
import { targets } from "../targets.js";

for (const target of targets)
  await describeTransportConformance(target, { sections: ["transport-semantics"] });
