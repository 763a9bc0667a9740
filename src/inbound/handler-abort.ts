import { expiredError } from "../errors/request-errors.js";
import type { Envelope } from "../wire/envelope.js";

/**
 * The abort state of one request being handled. An `AbortController` is costly to make, and most
 * handlers never look at `ctx.signal`: the controller, and the timer that aborts it at the
 * request's deadline, are made only when the handler asks for the signal. The runtime itself
 * only needs `aborted`, which also turns true once the deadline has passed. It keeps the request,
 * not a closure per request, to build the `expired` reason from.
 */
export class HandlerAbort {
  readonly #deadline: number | undefined;
  readonly #request: Envelope;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reason: unknown;
  #aborted = false;

  /** `deadline` in epoch ms; `request` is what an `expired` reason names. */
  constructor(deadline: number | undefined, request: Envelope) {
    this.#deadline = deadline;
    this.#request = request;
  }

  /** True once aborted, or once the deadline has passed. */
  get aborted(): boolean {
    if (!this.#aborted && this.#deadline !== undefined && Date.now() >= this.#deadline) {
      this.abort(expiredError(this.#request));
    }
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    clearTimeout(this.#timer);
    this.#controller?.abort(reason);
  }

  /** The handler's signal, made on first use. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.#reason);
      else if (this.#deadline !== undefined) {
        this.#timer = setTimeout(
          () => this.abort(expiredError(this.#request)),
          this.#deadline - Date.now(),
        );
      }
    }
    return this.#controller.signal;
  }

  /** Frees the deadline timer (the request is done). */
  dispose(): void {
    clearTimeout(this.#timer);
  }
}
