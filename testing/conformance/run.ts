/**
 * The conformance suite as a library: `describeTransportConformance(target)` registers, in the
 * calling vitest file, the same tests the project runs against its own transports.
 */
import { importOptional } from "../../src/util/optional-package.js";
import { CONFORMANCE_SECTIONS, type ConformanceSectionName } from "./section-names.js";
import type { ConformanceTarget } from "./target.js";

/** A test's time limit where the test sets none; the suite was written to fit it on a busy machine. */
export const CONFORMANCE_TEST_TIMEOUT_MS = 20_000;

/** Options for {@link describeTransportConformance}. */
export interface ConformanceOptions {
  /**
   * The sections to run, by name, in the suite's order whatever the order here. Running fewer is a
   * choice made in the test file, where a reader sees it. @default all of {@link CONFORMANCE_SECTIONS}
   */
  readonly sections?: readonly ConformanceSectionName[];
}

/**
 * Registers the transport conformance suite for `target`: one `describe` per section, named
 * `<section> on <target name>`. Call it at the top level of a vitest test file and await it (the
 * suite and vitest are loaded on the first call, so importing `parley-a2a/testing` needs
 * neither). A test that needs a feature the target declares missing checks for the documented
 * behaviour without it instead (pools refuse to start without groups, say); none is skipped.
 *
 * @example
 * ```ts
 * await describeTransportConformance({
 *   name: "redis",
 *   features: { retained: false, lastWill: false, groups: true, metadata: true, expiry: false },
 *   brokerRestart: false,
 *   async setup() { ... return { createTransport, dropConnection, teardown }; },
 * });
 * ```
 */
export async function describeTransportConformance(
  target: ConformanceTarget,
  options: ConformanceOptions = {},
): Promise<void> {
  const unknown = (options.sections ?? []).filter((name) => !CONFORMANCE_SECTIONS.includes(name));
  if (unknown.length > 0)
    throw new TypeError(
      `unknown conformance sections: ${unknown.join(", ")} (known: ${CONFORMANCE_SECTIONS.join(", ")})`,
    );
  const wanted = new Set(options.sections ?? CONFORMANCE_SECTIONS);
  const { describe } = await importOptional(
    ["vitest"],
    "describeTransportConformance (parley-a2a/testing)",
    () => import("vitest"),
    true,
  );
  const { sections } = await import("./sections.js");
  for (const name of CONFORMANCE_SECTIONS) {
    if (!wanted.has(name)) continue;
    const section = sections[name];
    describe(`${section.title} on ${target.name}`, { timeout: CONFORMANCE_TEST_TIMEOUT_MS }, () =>
      section.body(target),
    );
  }
}
