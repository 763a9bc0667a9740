/**
 * The caller's plumbing for one streamed request: the queue the caller iterates, the parts put in
 * order on their way to it, and an abort signal that fires when the caller's signal does or when
 * the caller stops iterating early. Every part held (waiting behind a missing one, or not read yet)
 * is counted in the stream's {@link StreamBuffer}; one that does not fit fails the stream.
 */
import { AsyncQueue } from "../util/async-queue.js";
import type { StreamEvent } from "../wire/stream-protocol.js";
import type { PendingRequest, PendingStream } from "./pending-requests.js";
import type { StreamBuffer, StreamBufferFull } from "./stream-buffer-budget.js";
import { type LostParts, StreamPartOrder } from "./stream-part-order.js";

/** What a streamed request is sent with, and what the caller gets back. */
export interface StreamedRequest<TPart, TResponse> {
  /** The parts, then the final response; breaking out of it aborts `signal`. */
  readonly events: AsyncIterable<StreamEvent<TPart, TResponse>>;
  /** The signal to send the request with. */
  readonly signal: AbortSignal;
  /** How the pending request settles into `events`. */
  readonly settle: Pick<PendingRequest, "resolve" | "reject" | "stream">;
}

/** How a streamed request reports trouble, and what it is held to. */
export interface StreamedRequestHooks {
  /** Parts never came; `ended` says whether the final response had arrived. */
  readonly onLost: (lost: LostParts, ended: boolean) => void;
  /** A part did not fit in `buffer` (it is not kept); the stream should fail. */
  readonly onFull: (full: StreamBufferFull, ended: boolean) => void;
  /** A wait for a missing part is not given up while this is false. */
  readonly connected: () => boolean;
  /** Counts what the stream holds; closed when it settles. */
  readonly buffer: StreamBuffer;
}

/** A part on its way to the caller, with its size on the wire. */
interface HeldPart<TPart> {
  readonly data: TPart;
  readonly bytes: number;
}

export function createStreamedRequest<TPart, TResponse>(
  outer: AbortSignal | undefined,
  hooks: StreamedRequestHooks,
): StreamedRequest<TPart, TResponse> {
  const { buffer } = hooks;
  const controller = new AbortController();
  // The wire sizes of the parts in the queue, in the queue's order.
  const queued: number[] = [];
  const queue = new AsyncQueue<StreamEvent<TPart, TResponse>>(
    () => controller.abort(),
    (event) => {
      if (event.kind === "part") buffer.release(queued.shift() ?? 0);
    },
  );
  const parts = new StreamPartOrder<HeldPart<TPart>>(
    (seq, part) => {
      queued.push(part.bytes);
      queue.push({ kind: "part", seq, data: part.data });
    },
    (lost) => hooks.onLost(lost, parts.ended),
    hooks.connected,
  );
  const stream: PendingStream = {
    add(seq, data, bytes) {
      const full = buffer.hold(bytes);
      if (full) {
        hooks.onFull(full, parts.ended);
        return true;
      }
      if (parts.add(seq, { data: data as TPart, bytes })) return true;
      buffer.release(bytes);
      return false;
    },
    end: (total, finish) => parts.end(total, finish),
    get ended() {
      return parts.ended;
    },
    restartWait: () => parts.restartWait(),
  };
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener("abort", () => controller.abort(outer.reason), { once: true });
  return {
    events: queue,
    signal: controller.signal,
    settle: {
      resolve: (data) => {
        buffer.close();
        queue.push({ kind: "response", data: data as TResponse });
        queue.end();
      },
      reject: (error) => {
        buffer.close();
        parts.close();
        queue.fail(error);
      },
      stream,
    },
  };
}
