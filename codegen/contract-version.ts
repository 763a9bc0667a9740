/**
 * Contract versions (semantic versions) and what counts as a major bump. Below 1.0.0 the minor
 * number plays the major's part (0.2.0 -> 0.3.0 may break), as npm's caret ranges read it.
 */

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;

/** The part of a version that must change for a breaking change: "2" for 2.1.0, "0.3" for 0.3.1. */
export function compatibilityLine(version: string): [number, number] | undefined {
  const match = SEMVER.exec(version);
  if (match === null) return undefined;
  const major = Number(match[1]);
  return major > 0 ? [major, 0] : [0, Number(match[2])];
}

/** True when `to` starts a newer compatibility line than `from` (a major bump, or 0.x -> 0.y). */
export function isMajorBump(from: string, to: string): boolean {
  const a = compatibilityLine(from);
  const b = compatibilityLine(to);
  if (a === undefined || b === undefined) return false;
  return b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]);
}
