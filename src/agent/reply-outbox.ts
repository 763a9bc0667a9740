/**
 * Replies that could not be published because the connection was down. A handler may finish
 * while the broker is away, or a broker restarting with a persistent session may deliver a
 * queued request a moment before the agent sees itself connected again: its reply waits here
 * and goes out on reconnect, unless the caller's deadline passed first. Held as the bytes that
 * will be published (each within maxMessageBytes, and cheap in heap), bounded in count and in
 * bytes: beyond either, the oldest is given up.
 */
import type { SendKind } from "./send-path.js";

/** One reply waiting for the connection. */
export interface HeldReply {
  readonly bytes: Uint8Array;
  readonly address: string;
  readonly kind: SendKind;
  /** The envelope's `expires_at` (broker-side expiry when it goes out). */
  readonly expiresAt: string | null;
  /** Epoch ms after which nobody waits for it. */
  readonly deadline: number;
}

export class ReplyOutbox {
  readonly #held: HeldReply[] = [];
  readonly #capacity: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(capacity: number, maxBytes: number) {
    this.#capacity = capacity;
    this.#maxBytes = maxBytes;
  }

  get size(): number {
    return this.#held.length;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Keeps a reply for the next connection; returns those given up to make room (oldest first). */
  hold(reply: HeldReply): HeldReply[] {
    // Larger than all it may hold: given up alone, the others stay.
    if (reply.bytes.byteLength > this.#maxBytes) return [reply];
    this.#held.push(reply);
    this.#bytes += reply.bytes.byteLength;
    const givenUp: HeldReply[] = [];
    while (this.#held.length > this.#capacity || this.#bytes > this.#maxBytes) {
      const oldest = this.#held.shift() as HeldReply;
      this.#bytes -= oldest.bytes.byteLength;
      givenUp.push(oldest);
    }
    return givenUp;
  }

  /** Takes every held reply, in the order held, split into those still wanted and the expired. */
  takeAll(now = Date.now()): { due: HeldReply[]; expired: HeldReply[] } {
    const all = this.#held.splice(0);
    this.#bytes = 0;
    return {
      due: all.filter((r) => r.deadline > now),
      expired: all.filter((r) => r.deadline <= now),
    };
  }

  clear(): void {
    this.#held.length = 0;
    this.#bytes = 0;
  }
}
