/**
 * How soon a dead agent must be marked offline, as "How fast a dead agent is noticed" in
 * docs/transports/README.md documents it per transport, so the fault tests hold the agents to it.
 */

/**
 * Slack on top of the documented time for a shared 2-core machine (scheduling, GC, broker
 * processes competing with the test). Far below any failure mode it guards against: a Last Will
 * that never comes, or a missed-heartbeat check that waits for the 90 s default threshold.
 */
export const SHARED_MACHINE_MARGIN_MS = 3_000;

/** What the documented time depends on. */
export interface OfflineDetectionSettings {
  /** The transport publishes a Last Will (`features.lastWill`). */
  readonly lastWill: boolean;
  /** The heartbeat interval the dead agent announced in its card (0: it sends none). */
  readonly announcedHeartbeatMs: number;
  /** The watcher's own `heartbeatIntervalMs` and `offlineAfterMs`. */
  readonly watcherHeartbeatMs: number;
  readonly watcherOfflineAfterMs: number;
}

/**
 * Milliseconds from a closed connection to `agent:offline` at a watcher, per docs/transports/README.md: with a
 * Last Will, at once (the broker notices a closed socket at once); without, 3 of the dead agent's
 * announced heartbeat intervals (the watcher's `offlineAfterMs` if it announced none) plus one
 * check, run every half of the watcher's heartbeat interval or `offlineAfterMs`, the smaller.
 */
export function documentedOfflineDetectionMs(settings: OfflineDetectionSettings): number {
  if (settings.lastWill) return 0;
  const { announcedHeartbeatMs, watcherHeartbeatMs, watcherOfflineAfterMs } = settings;
  const silence = announcedHeartbeatMs > 0 ? 3 * announcedHeartbeatMs : watcherOfflineAfterMs;
  const check = Math.min(watcherOfflineAfterMs, watcherHeartbeatMs || watcherOfflineAfterMs) / 2;
  return silence + check;
}

/** Resolves as `promise` does, or rejects naming `what` when it has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
