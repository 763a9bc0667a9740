/**
 * Streaming and cancellation on the seed's wire, without new envelope keys.
 *
 * - A caller that wants a stream marks its request payload with `_parley_stream: true` (stripped
 *   before the handler sees it). A seed agent never sets it, so it only ever gets final responses.
 * - Each part is a `response` with the request's correlation id and payload
 *   `{ _parley_stream_part: { seq, data } }`, `seq` counting from 0; the final response is an
 *   ordinary one plus `_parley_stream_parts`: how many parts were sent, so the caller can tell a
 *   lost part (stripped before the caller's code or contract sees the response).
 * - A caller that aborts sends an `error` message with the request's correlation id and
 *   `error.code = "cancelled"` to the recipient; a seed agent parses it and ignores it.
 */
import { isObject } from "../presence/agent-card.js";
import type { JsonObject } from "./envelope.js";

export const STREAM_REQUEST_KEY = "_parley_stream";
export const STREAM_PART_KEY = "_parley_stream_part";
export const STREAM_PARTS_KEY = "_parley_stream_parts";

/** One event of a streamed response: parts, then the final response. */
export type StreamEvent<TPart = JsonObject, TResponse = JsonObject> =
  | { readonly kind: "part"; readonly seq: number; readonly data: TPart }
  | { readonly kind: "response"; readonly data: TResponse };

/** The part a response payload carries, or undefined for a final response. */
export function streamPartOf(payload: JsonObject): { seq: number; data: unknown } | undefined {
  const part = payload[STREAM_PART_KEY];
  if (!isObject(part) || typeof part.seq !== "number") return undefined;
  return { seq: part.seq, data: part.data };
}

/** True for a handler result that is an async iterator (an `async function*` handler). */
export function isAsyncGenerator(
  value: unknown,
): value is AsyncGenerator<unknown, unknown, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AsyncGenerator).next === "function" &&
    typeof (value as AsyncGenerator)[Symbol.asyncIterator] === "function"
  );
}

/**
 * The final response of a streaming handler: each value it yields is sent as a part (when the
 * caller asked for a stream: `sendPart` is given) and its return value is the response. Once
 * `signal` is aborted the generator is closed and the response is undefined.
 */
export async function streamedResult(
  result: AsyncGenerator<unknown, unknown, unknown>,
  signal: { readonly aborted: boolean },
  sendPart: ((data: unknown) => void) | undefined,
): Promise<unknown> {
  for (;;) {
    if (signal.aborted) {
      await result.return(undefined);
      return undefined;
    }
    const step = await result.next();
    if (step.done) return step.value;
    if (sendPart && !signal.aborted) sendPart(step.value);
  }
}
