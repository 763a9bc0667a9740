/**
 * Which contract versions can talk to each other: those on the same compatibility line, the same
 * major version (below 1.0.0, the same minor: 0.2.x and 0.3.x may differ in a breaking way, as
 * npm's caret ranges read them). `parley codegen --breaking-against` holds contracts to it.
 */

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;

/** "2" for 2.1.0, "0.3" for 0.3.1; undefined when `version` is not a semantic version. */
export function compatibilityLine(version: string): string | undefined {
  const match = SEMVER.exec(version);
  if (match === null) return undefined;
  return match[1] === "0" ? `0.${match[2]}` : match[1];
}

/**
 * True when a caller on contract version `ours` may not call an agent serving `theirs`. Unknown
 * (unparseable) versions never conflict: the agent's own validation still applies.
 */
export function versionsConflict(ours: string, theirs: string): boolean {
  const a = compatibilityLine(ours);
  const b = compatibilityLine(theirs);
  return a !== undefined && b !== undefined && a !== b;
}
