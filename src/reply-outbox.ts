/**
 * Replies that could not be published because the connection was down. A handler may finish
 * while the broker is away, or a broker restarting with a persistent session may deliver a
 * queued request a moment before the agent sees itself connected again: its reply waits here
 * and goes out on reconnect, unless the caller's deadline passed first. Bounded: beyond
 * `capacity` the oldest is given up.
 */
import type { SendKind } from "./agent-core.js";
import type { Envelope } from "./envelope.js";

/** One reply waiting for the connection. */
export interface HeldReply {
  readonly envelope: Envelope;
  readonly kind: SendKind;
  /** Epoch ms after which nobody waits for it. */
  readonly deadline: number;
}

export class ReplyOutbox {
  readonly #held: HeldReply[] = [];
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#held.length;
  }

  /** Keeps a reply for the next connection; returns the one given up to make room, if any. */
  hold(reply: HeldReply): HeldReply | undefined {
    this.#held.push(reply);
    return this.#held.length > this.#capacity ? this.#held.shift() : undefined;
  }

  /** Takes every held reply, in the order held, split into those still wanted and the expired. */
  takeAll(now = Date.now()): { due: HeldReply[]; expired: HeldReply[] } {
    const all = this.#held.splice(0);
    return {
      due: all.filter((r) => r.deadline > now),
      expired: all.filter((r) => r.deadline <= now),
    };
  }

  clear(): void {
    this.#held.length = 0;
  }
}
