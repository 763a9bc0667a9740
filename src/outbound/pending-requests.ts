/**
 * Requests this agent sent and waits on, by correlation id. Each has a deadline timer and,
 * optionally, the caller's AbortSignal; whichever of response, timeout, abort or close comes first
 * settles it, exactly once, and leaves no timer or listener behind.
 *
 * One is added per request, so the bookkeeping is lean: the request object the caller built is
 * stored as it is, and its timer calls one shared function with the correlation id as argument
 * instead of a closure per request.
 */

import type { ParleyError } from "../errors/parley-error.js";
import { RenewingMap } from "../util/renewing-map.js";
import type { Envelope } from "../wire/envelope.js";

/** What is known about one outstanding request. */
export interface PendingRequest {
  /** The agent it was sent to; a response from anyone else is refused. */
  readonly to: string;
  readonly requestType: string;
  readonly sentAt: number;
  /** Its deadline from `sentAt`, in milliseconds. */
  readonly timeoutMs: number;
  resolve(value: unknown): void;
  reject(error: ParleyError): void;
  /** Set for a streaming request: its parts, and the end it waits for before settling. */
  readonly stream: PendingStream | undefined;
  /** The request as sent, to publish again after the connection was restored. */
  readonly envelope: Envelope | undefined;
  /** The transport metadata interceptors gave it (published again with it). */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

/** A streaming request's parts in order ({@link StreamPartOrder}). */
export interface PendingStream {
  /**
   * A part of `bytes` on the wire arrived; false when it is dropped (a repeat, too late, past the
   * end). One that does not fit in the stream's buffer fails the stream instead.
   */
  add(seq: number, data: unknown, bytes: number): boolean;
  /**
   * The final response arrived, counting `total` parts (undefined when the responder gave no
   * count); `finish` is called once every part is in. The request stays pending until then.
   */
  end(total: number | undefined, finish: () => void): void;
  /** True once the final response arrived. */
  readonly ended: boolean;
  /** The connection is back: a missing part gets a full wait from now. */
  restartWait(): void;
}

/** The caller's signal, and the rejection (and notice to the remote side) when it fires. */
export interface PendingAbort {
  readonly signal: AbortSignal;
  readonly onAbort: () => ParleyError;
}

/** The request as the caller gave it (not copied), with what must be undone when it settles. */
interface Entry {
  readonly request: PendingRequest;
  readonly timer: ReturnType<typeof setTimeout>;
  readonly detachAbort: (() => void) | undefined;
}

export class PendingRequests {
  /** Renewed now and then: a Map with this much churn otherwise keeps the GC busy (see there). */
  readonly #entries = new RenewingMap<string, Entry>();
  readonly #timeoutError: (request: PendingRequest) => ParleyError;
  readonly #onTimer = (correlationId: string): void => {
    const entry = this.#entries.get(correlationId);
    if (entry) this.reject(correlationId, this.#timeoutError(entry.request));
  };

  /** `timeoutError` builds the rejection of a request whose deadline passed. */
  constructor(timeoutError: (request: PendingRequest) => ParleyError) {
    this.#timeoutError = timeoutError;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Tracks a request until it settles. */
  add(correlationId: string, request: PendingRequest, abort?: PendingAbort): void {
    const timer = setTimeout(this.#onTimer, request.timeoutMs, correlationId);
    let detachAbort: (() => void) | undefined;
    if (abort) {
      const onAbort = (): void => {
        this.reject(correlationId, abort.onAbort());
      };
      abort.signal.addEventListener("abort", onAbort, { once: true });
      detachAbort = () => abort.signal.removeEventListener("abort", onAbort);
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
    this.rejectWhere(() => true, makeError);
  }

  /** Rejects the pending requests `which` picks; returns how many. */
  rejectWhere(
    which: (request: PendingRequest) => boolean,
    makeError: (request: PendingRequest) => ParleyError,
  ): number {
    let rejected = 0;
    for (const id of [...this.#entries.keys()]) {
      const entry = this.#entries.get(id);
      if (entry && which(entry.request) && this.reject(id, makeError(entry.request))) rejected++;
    }
    return rejected;
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
