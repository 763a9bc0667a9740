/**
 * The names of the conformance suite's sections, in the order they run. Kept apart from the
 * sections themselves, which import vitest, so the entry point can name them without loading it.
 */
export const CONFORMANCE_SECTIONS = [
  "transport-semantics",
  "request-response",
  "broadcast",
  "presence",
  "pools",
  "delegation",
  "dispatch",
  "streaming",
  "validation",
  "omitted-keys",
  "error-reply-size",
  "bad-input",
  "security",
  "faults",
] as const;

/** One section of the conformance suite, by name. */
export type ConformanceSectionName = (typeof CONFORMANCE_SECTIONS)[number];
