/**
 * Requests to the hub waiting for their `ack` (or an `error` naming them): one promise per frame
 * id, all failed at once when the connection goes.
 */

import { RenewingMap } from "../../src/util/renewing-map.js";

/** See {@link createPendingAcks}. */
export interface PendingAcks {
  /**
   * A promise for the ack of frame `id`; call before sending the frame. Ids of waiting frames are
   * unique (an ack names the last frame it answers): a second wait for an id still waiting
   * throws, and the frame must not be sent.
   */
  wait(id: string): Promise<void>;
  /** Resolves once the frame `id` has its answer, either way (at once when none is waiting). */
  answered(id: string): Promise<void>;
  /** Frame `id` and every frame sent before it still waiting are acknowledged. */
  ackUpTo(id: string): void;
  refuse(id: string, error: Error): void;
  failAll(error: Error): void;
}

/** Creates an empty set of waiting requests. */
export function createPendingAcks(): PendingAcks {
  // Renewed now and then: a Map with this much churn otherwise keeps the GC busy (see there).
  const pending = new RenewingMap<string, { resolve(): void; reject(error: Error): void }>();
  return {
    wait(id) {
      if (pending.has(id))
        throw new Error(`websocket transport: frame id ${id} is already waiting`);
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
      });
    },
    answered(id) {
      const entry = pending.get(id);
      if (!entry) return Promise.resolve();
      return new Promise<void>((done) => {
        pending.set(id, {
          resolve: () => {
            entry.resolve();
            done();
          },
          reject: (error) => {
            entry.reject(error);
            done();
          },
        });
      });
    },
    ackUpTo(id) {
      if (!pending.has(id)) return;
      // In the order the frames were sent: the ones before `id`, then `id` itself.
      for (const waiting of pending.keys()) {
        const entry = pending.get(waiting);
        pending.delete(waiting);
        entry?.resolve();
        if (waiting === id) return;
      }
    },
    refuse(id, error) {
      pending.get(id)?.reject(error);
      pending.delete(id);
    },
    failAll(error) {
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
    },
  };
}
