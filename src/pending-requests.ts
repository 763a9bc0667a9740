/**
 * Requests this agent sent and waits on, by correlation id. Each has a deadline timer and,
 * optionally, the caller's AbortSignal; whichever of response, timeout, abort or close comes first
 * settles it, exactly once, and leaves no timer or listener behind.
 */
import type { Envelope } from "./envelope.js";
import type { ParleyError } from "./errors.js";

/** What is known about one outstanding request. */
export interface PendingRequest {
  /** The agent it was sent to; a response from anyone else is refused. */
  readonly to: string;
  readonly requestType: string;
  readonly sentAt: number;
  resolve(value: unknown): void;
  reject(error: ParleyError): void;
  /** Set for a streaming request: receives each part before the final response. */
  readonly onPart?: (data: unknown, seq: number) => void;
  /** The request as sent, to publish again after the connection was restored. */
  readonly envelope?: Envelope;
}

/** The request as the caller gave it (not copied), with what must be undone when it settles. */
interface Entry {
  readonly request: PendingRequest;
  readonly timer: ReturnType<typeof setTimeout>;
  readonly detachAbort: (() => void) | undefined;
}

export class PendingRequests {
  readonly #entries = new Map<string, Entry>();

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Tracks a request until it settles. `onTimeout` and `onAbort` build the rejection (and may
   * notify the remote side).
   */
  add(
    correlationId: string,
    request: PendingRequest,
    timeoutMs: number,
    onTimeout: () => ParleyError,
    signal?: { signal: AbortSignal; onAbort: () => ParleyError },
  ): void {
    const timer = setTimeout(() => {
      this.reject(correlationId, onTimeout());
    }, timeoutMs);
    let detachAbort: (() => void) | undefined;
    if (signal) {
      const abort = (): void => {
        this.reject(correlationId, signal.onAbort());
      };
      signal.signal.addEventListener("abort", abort, { once: true });
      detachAbort = () => signal.signal.removeEventListener("abort", abort);
    }
    this.#entries.set(correlationId, { request, timer, detachAbort });
  }

  get(correlationId: string): PendingRequest | undefined {
    return this.#entries.get(correlationId)?.request;
  }

  /** The requests still waiting, oldest first. */
  *values(): IterableIterator<PendingRequest> {
    for (const entry of this.#entries.values()) yield entry.request;
  }

  resolve(correlationId: string, value: unknown): boolean {
    const request = this.#take(correlationId);
    request?.resolve(value);
    return request !== undefined;
  }

  reject(correlationId: string, error: ParleyError): boolean {
    const request = this.#take(correlationId);
    request?.reject(error);
    return request !== undefined;
  }

  /** Rejects every pending request (on close). */
  rejectAll(makeError: (request: PendingRequest) => ParleyError): void {
    for (const id of [...this.#entries.keys()]) {
      const entry = this.#entries.get(id);
      if (entry) this.reject(id, makeError(entry.request));
    }
  }

  #take(correlationId: string): PendingRequest | undefined {
    const entry = this.#entries.get(correlationId);
    if (!entry) return undefined;
    this.#entries.delete(correlationId);
    clearTimeout(entry.timer);
    entry.detachAbort?.();
    return entry.request;
  }
}
