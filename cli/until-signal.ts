/**
 * Waiting for Ctrl-C (SIGINT) or SIGTERM so a long-running command can close cleanly. Once one
 * arrived, a second signal exits at once (130 / 143), in case closing hangs.
 */

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
export type StopSignal = (typeof SIGNALS)[number];

const EXIT_ON_SECOND: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Signals caught from creation on. */
export interface StopSignals {
  /** Resolves with the first SIGINT or SIGTERM. */
  readonly received: Promise<StopSignal>;
  /** Stops catching them (for a command that ends before any arrived). */
  dispose(): void;
}

/** Starts catching SIGINT and SIGTERM. */
export function catchStopSignals(): StopSignals {
  let dispose = (): void => {};
  const received = new Promise<StopSignal>((resolve) => {
    const handlers = SIGNALS.map((signal) => {
      const handler = (): void => {
        dispose();
        for (const s of SIGNALS) process.once(s, () => process.exit(EXIT_ON_SECOND[s]));
        resolve(signal);
      };
      process.once(signal, handler);
      return [signal, handler] as const;
    });
    dispose = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
  });
  return { received, dispose: () => dispose() };
}
