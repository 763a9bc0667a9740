/**
 * What the caller's side of streamed requests holds for the responder: parts waiting behind a
 * missing one, and parts passed on in order that the caller's `for await` has not read yet. Each
 * part counts as its size on the wire, the size the receive path already knows (no part is encoded
 * again to weigh it). One budget per agent bounds each stream and all of its streams together; a
 * part that does not fit fails its stream (`overloaded`) instead of being kept.
 */
import { ErrorCode, ParleyError } from "../errors/parley-error.js";

/** The bounds, as the agent's options name them. */
export interface StreamBufferLimits {
  /** Bytes one stream may hold. */
  readonly maxStreamBufferBytes: number;
  /** Parts one stream may hold. */
  readonly maxStreamBufferParts: number;
  /** Bytes all of an agent's streams may hold together. */
  readonly maxStreamBufferTotalBytes: number;
}

/** Which bound a part did not fit in, and what was held when it came. */
export interface StreamBufferFull {
  readonly option: keyof StreamBufferLimits;
  readonly limit: number;
  /** The refused part's size on the wire. */
  readonly partBytes: number;
  readonly heldBytes: number;
  readonly heldParts: number;
}

/** One agent's budget; {@link open} gives each streamed request its account. */
export class StreamBufferBudget {
  readonly #limits: StreamBufferLimits;
  #totalBytes = 0;

  constructor(limits: StreamBufferLimits) {
    this.#limits = limits;
  }

  /** Bytes all streams hold now. */
  get totalBytes(): number {
    return this.#totalBytes;
  }

  /** A new stream's account, holding nothing. */
  open(): StreamBuffer {
    return new StreamBuffer(this.#limits, (delta) => {
      this.#totalBytes += delta;
      return this.#totalBytes;
    });
  }
}

/** What one stream holds. */
export class StreamBuffer {
  readonly #limits: StreamBufferLimits;
  /** Adds to the agent's total and returns it. */
  readonly #charge: (delta: number) => number;
  #bytes = 0;
  #parts = 0;
  #closed = false;

  constructor(limits: StreamBufferLimits, charge: (delta: number) => number) {
    this.#limits = limits;
    this.#charge = charge;
  }

  /** Holds a part of `bytes` on the wire; returns the bound it does not fit in (nothing is held then). */
  hold(bytes: number): StreamBufferFull | undefined {
    if (this.#closed) return undefined;
    const full = this.#check(bytes);
    if (full) return full;
    this.#bytes += bytes;
    this.#parts++;
    this.#charge(bytes);
    return undefined;
  }

  /** A part held is gone (read by the caller, or dropped as a repeat). */
  release(bytes: number): void {
    if (this.#closed) return;
    this.#bytes -= bytes;
    this.#parts--;
    this.#charge(-bytes);
  }

  /**
   * The stream settled: it takes nothing more, and what it held no longer counts (what the caller
   * has not read yet is the caller's to read or drop; no more can come).
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#charge(-this.#bytes);
    this.#bytes = 0;
    this.#parts = 0;
  }

  #check(bytes: number): StreamBufferFull | undefined {
    const held = { partBytes: bytes, heldBytes: this.#bytes, heldParts: this.#parts };
    const limits = this.#limits;
    if (this.#parts + 1 > limits.maxStreamBufferParts)
      return { option: "maxStreamBufferParts", limit: limits.maxStreamBufferParts, ...held };
    if (this.#bytes + bytes > limits.maxStreamBufferBytes)
      return { option: "maxStreamBufferBytes", limit: limits.maxStreamBufferBytes, ...held };
    if (this.#charge(0) + bytes > limits.maxStreamBufferTotalBytes)
      return {
        option: "maxStreamBufferTotalBytes",
        limit: limits.maxStreamBufferTotalBytes,
        ...held,
      };
    return undefined;
  }
}

/** `overloaded`: the caller's side of the stream holds as much as `full.option` allows. */
export function streamBufferFullError(
  requestType: string,
  to: string,
  full: StreamBufferFull,
): ParleyError {
  const what = full.option === "maxStreamBufferParts" ? "parts" : "bytes";
  return new ParleyError(
    ErrorCode.overloaded,
    `streamed response to "${requestType}" from "${to}" buffers more ${what} than ` +
      `${full.option} (${full.limit}) allows: read it faster, or raise the option`,
    {
      details: {
        to,
        request_type: requestType,
        option: full.option,
        limit: full.limit,
        part_bytes: full.partBytes,
        held_bytes: full.heldBytes,
        held_parts: full.heldParts,
      },
    },
  );
}
