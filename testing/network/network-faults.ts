/** The faults a test network injects into deliveries, and their checks. */

/** Faults applied to each delivery (one message to one subscription). All default to none. */
export interface NetworkFaults {
  /** Delay before each delivery, in milliseconds. @default 0 */
  readonly latencyMs?: number;
  /** A random extra delay of up to this many milliseconds per delivery (reorders too). @default 0 */
  readonly jitterMs?: number;
  /** Chance (0 to 1) that a delivery is lost. @default 0 */
  readonly dropRate?: number;
  /** Chance (0 to 1) that a message is delivered twice, as a QoS 1 redelivery would. @default 0 */
  readonly duplicateRate?: number;
  /**
   * Chance (0 to 1) that a message is held back and delivered after the next one to the same
   * subscription (or once the current timers have run, when none comes). @default 0
   */
  readonly reorderRate?: number;
  /**
   * Only deliveries to addresses matching this pattern (`+` and `#` wildcards) get the faults,
   * e.g. `a2a/+/request`; presence and the rest pass untouched. @default every address
   */
  readonly addresses?: string;
}

/** Checks `faults`, throwing a clear error for a rate outside 0 to 1 or a negative delay. */
export function checkFaults(faults: NetworkFaults): NetworkFaults {
  for (const key of ["dropRate", "duplicateRate", "reorderRate"] as const) {
    const rate = faults[key];
    if (rate !== undefined && !(rate >= 0 && rate <= 1))
      throw new RangeError(`${key} must be between 0 and 1, got ${rate}`);
  }
  for (const key of ["latencyMs", "jitterMs"] as const) {
    const ms = faults[key];
    if (ms !== undefined && !(ms >= 0 && Number.isFinite(ms)))
      throw new RangeError(`${key} must be a finite number of milliseconds >= 0, got ${ms}`);
  }
  return { ...faults };
}
