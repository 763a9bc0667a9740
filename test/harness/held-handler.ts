/** A request handler that holds every request until released: a busy agent, without timers. */

export interface HeldHandler {
  /** The handler: it answers `{}` once released. */
  readonly handler: () => Promise<Record<string, never>>;
  /** Resolves when the first request reached the handler. */
  readonly running: Promise<void>;
  /** Lets every held request (and any later one) through. */
  release(): void;
}

export function heldHandler(): HeldHandler {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started!: () => void;
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  return {
    handler: async () => {
      started();
      await released;
      return {};
    },
    running,
    release,
  };
}
