/**
 * The caller's plumbing for one streamed request: the queue the caller iterates, the parts put in
 * order on their way to it, and an abort signal that fires when the caller's signal does or when
 * the caller stops iterating early.
 */
import { AsyncQueue } from "../util/async-queue.js";
import type { StreamEvent } from "../wire/stream-protocol.js";
import type { PendingRequest } from "./pending-requests.js";
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

/**
 * `onLost` is told when parts never came, and whether the final response had arrived; a wait for
 * a part is not given up while `connected()` is false.
 */
export function createStreamedRequest<TPart, TResponse>(
  outer: AbortSignal | undefined,
  onLost: (lost: LostParts, ended: boolean) => void,
  connected: () => boolean,
): StreamedRequest<TPart, TResponse> {
  const controller = new AbortController();
  const queue = new AsyncQueue<StreamEvent<TPart, TResponse>>(() => controller.abort());
  const parts = new StreamPartOrder<TPart>(
    (seq, data) => queue.push({ kind: "part", seq, data }),
    (lost) => onLost(lost, parts.ended),
    connected,
  );
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener("abort", () => controller.abort(outer.reason), { once: true });
  return {
    events: queue,
    signal: controller.signal,
    settle: {
      resolve: (data) => {
        queue.push({ kind: "response", data: data as TResponse });
        queue.end();
      },
      reject: (error) => {
        parts.close();
        queue.fail(error);
      },
      stream: parts,
    },
  };
}
