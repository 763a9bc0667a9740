/**
 * A streamed response's parts, passed on in `seq` order, each once, and none missing. Parts can
 * arrive out of order (a part whose publish failed across a reconnect is sent again after later
 * ones) or twice (a QoS 1 redelivery): an early one waits for the gap before it, a repeat or one
 * older than what was passed on already is dropped.
 *
 * A missing part is waited for {@link GAP_WAIT_MS} from the last part that was passed on (a
 * stream still making progress is not cut short); a part still missing then is lost, and the
 * stream is told so (`lost`) instead of going on without it. The wait does not run out while the
 * caller's own connection is down (nothing can arrive) and starts again after a reconnect. The
 * end of the stream says how many parts there were (a Parley responder counts them in the final
 * response), so a lost last part is found too: the end waits for what is missing as long as a
 * gap, then reports it lost.
 */

/** How long early parts (or the end of the stream) wait for a missing part. */
export const GAP_WAIT_MS = 1000;

/** Most early parts kept waiting for a gap; one more and the missing part counts as lost. */
export const MAX_EARLY_PARTS = 1024;

/** At most this many missing `seq`s are listed when parts are lost (all are counted). */
const LISTED_MISSING = 20;

/** Which parts never came. */
export interface LostParts {
  /** The first missing `seq`s, in order (at most 20). */
  readonly missing: readonly number[];
  /** How many parts are missing in all. */
  readonly missingCount: number;
  /** How many parts arrived (in order or waiting behind the gap). */
  readonly received: number;
  /** The part count the responder gave with its final response, when it has arrived. */
  readonly total: number | undefined;
}

export class StreamPartOrder<T> {
  readonly #pass: (seq: number, data: T) => void;
  readonly #lost: (lost: LostParts) => void;
  readonly #early = new Map<number, T>();
  #next = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the final response is in: how many parts it says there were, and what finishes. */
  #end: { readonly total: number | undefined; readonly done: () => void } | undefined;
  #settled = false;

  /** Whether our own connection is up: a wait does not run out while it is down. */
  readonly #connected: () => boolean;
  /** The wait is over: parts still missing are lost, unless our own connection is down. */
  readonly #waited = (): void => {
    this.#timer = undefined;
    // Nothing can arrive while we are cut off: the wait starts again once we are back.
    if (!this.#connected()) this.#timer = setTimeout(this.#waited, GAP_WAIT_MS);
    else this.#giveUp();
  };

  /**
   * `pass` gets each part in order; `lost` is called once, when a part is given up; a wait that
   * ends while `connected()` is false is not given up but waited again.
   */
  constructor(
    pass: (seq: number, data: T) => void,
    lost: (lost: LostParts) => void,
    connected: () => boolean = () => true,
  ) {
    this.#pass = pass;
    this.#lost = lost;
    this.#connected = connected;
  }

  /** The connection is back: a part still missing gets a full wait from now (it may be resent). */
  restartWait(): void {
    if (this.#timer === undefined) return;
    this.#stopTimer();
    this.#timer = setTimeout(this.#waited, GAP_WAIT_MS);
  }

  /** True once the final response has arrived (even while it waits for a missing part). */
  get ended(): boolean {
    return this.#end !== undefined;
  }

  /** A part arrived; returns false when it is dropped (a repeat, older than one passed on, past the end). */
  add(seq: number, data: T): boolean {
    if (this.#settled || !Number.isSafeInteger(seq) || seq < this.#next || this.#early.has(seq))
      return false;
    const total = this.#end?.total;
    if (total !== undefined && seq >= total) return false;
    if (seq > this.#next) {
      this.#early.set(seq, data);
      if (this.#early.size > MAX_EARLY_PARTS) this.#giveUp();
      else this.#timer ??= setTimeout(this.#waited, GAP_WAIT_MS);
      return true;
    }
    this.#pass(seq, data);
    this.#next = seq + 1;
    this.#drain();
    // Progress: whatever is still missing gets a full wait from now.
    if (!this.#settled) this.restartWait();
    return true;
  }

  /**
   * The final response arrived, saying there were `total` parts (undefined from a responder that
   * does not count them: then only a gap before a part that came is found). `done` is called
   * once every part is passed on: now, or when a missing part comes within the wait.
   */
  end(total: number | undefined, done: () => void): void {
    if (this.#settled || this.#end) return;
    this.#end = { total: partCount(total, this.#next, this.#early), done };
    if (this.#complete()) this.#finish();
    else this.#timer ??= setTimeout(this.#waited, GAP_WAIT_MS);
  }

  /** The stream failed or was cancelled: nothing more is passed on. */
  close(): void {
    this.#settled = true;
    this.#early.clear();
    this.#stopTimer();
  }

  #complete(): boolean {
    if (this.#early.size > 0) return false;
    const total = this.#end?.total;
    return total === undefined || this.#next >= total;
  }

  #drain(): void {
    while (this.#early.has(this.#next)) {
      const seq = this.#next;
      const data = this.#early.get(seq) as T;
      this.#early.delete(seq);
      this.#next = seq + 1;
      this.#pass(seq, data);
      if (this.#settled) return;
    }
    if (this.#end) {
      // After the end, the wait runs on until the last missing part is in.
      if (this.#complete()) this.#finish();
    } else if (this.#early.size === 0) this.#stopTimer();
  }

  #finish(): void {
    const end = this.#end;
    this.close();
    end?.done();
  }

  /** The wait is over (or too much waits behind the gap): the missing parts are lost. */
  #giveUp(): void {
    this.#stopTimer();
    if (this.#settled) return;
    const received = this.#next + this.#early.size;
    const known = this.#end?.total ?? Math.max(this.#next, ...this.#early.keys()) + 1;
    const missing: number[] = [];
    for (let seq = this.#next; seq < known && missing.length < LISTED_MISSING; seq++)
      if (!this.#early.has(seq)) missing.push(seq);
    const lost: LostParts = {
      missing,
      missingCount: known - received,
      received,
      total: this.#end?.total,
    };
    this.close();
    this.#lost(lost);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * The part count to wait for: the responder's, unless it is no count at all (undefined), or
 * fewer parts than have arrived, whose `seq`s show there were at least that many.
 */
function partCount(
  total: number | undefined,
  next: number,
  early: ReadonlyMap<number, unknown>,
): number | undefined {
  if (total === undefined || !Number.isSafeInteger(total) || total < 0) return undefined;
  let seen = next;
  for (const seq of early.keys()) if (seq + 1 > seen) seen = seq + 1;
  return Math.max(total, seen);
}
