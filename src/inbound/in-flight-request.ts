/**
 * A request being handled, from arrival to reply: the dispatcher's job for it, the abort state of
 * its handler, and the key (sender and correlation id) that tells a redelivered copy of it from a
 * new request.
 */

import type { Envelope } from "../wire/envelope.js";
import type { Job, ShedReason } from "./dispatcher.js";
import type { HandlerAbort } from "./handler-abort.js";
import type { RequestHandler } from "./handler-context.js";

/** What runs or sheds the dispatcher's jobs: the request handling they belong to. */
export interface JobHost {
  run(job: InFlight): Promise<void> | undefined;
  shed(job: InFlight, why: ShedReason): void;
}

/**
 * A request between arrival and reply, and the dispatcher's job for it: one object per request,
 * not a job literal with closures beside the entry.
 */
export class InFlight implements Job {
  abort: HandlerAbort | undefined = undefined;
  cancelled = false;
  /** The caller asked for a stream: the final response says how many parts were sent. */
  streamed = false;
  partsSent = 0;

  constructor(
    readonly envelope: Envelope,
    readonly address: string,
    readonly requestType: string,
    readonly handler: RequestHandler,
    /** Sender and correlation id (see {@link inFlightKey}); undefined without a correlation id. */
    readonly key: string | undefined,
    readonly host: JobHost,
    /** Bytes the request came in as (its weight in the dispatcher's queue). */
    readonly size: number,
    /** Transport metadata that came with it. */
    readonly metadata: Readonly<Record<string, string>>,
  ) {}

  get priority(): number {
    return this.envelope.priority;
  }

  run(): Promise<void> | undefined {
    return this.host.run(this);
  }

  shed(why: ShedReason): void {
    this.host.shed(this, why);
  }
}

/** The key of a request: its sender and correlation id, or undefined without a correlation id. */
export function inFlightKey(envelope: Envelope): string | undefined {
  return envelope.correlation_id === null
    ? undefined
    : `${envelope.sender_id}\u0000${envelope.correlation_id}`;
}
