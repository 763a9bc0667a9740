/** One part of the conformance suite: a titled body of tests, registered once per target. */
import type { ConformanceTarget } from "./target.js";

/** A part of the suite; `describeTransportConformance` registers it in a `describe` per target. */
export interface ConformanceSection {
  /** Shown in test names as `<title> on <target name>`. */
  readonly title: string;
  /** Registers the section's hooks and tests for one target; runs inside its `describe`. */
  readonly body: (target: ConformanceTarget) => void;
}

export function conformanceSection(
  title: string,
  body: (target: ConformanceTarget) => void,
): ConformanceSection {
  return { title, body };
}
