/**
 * W3C trace context across the bridge, and nothing more: the `traceparent` and `tracestate` HTTP
 * headers of an A2A call become transport metadata of the same names on the Parley request, and
 * the transport metadata of a Parley request becomes those headers on the call to a remote A2A
 * agent. Spans and exporters are the observability layer's business; whatever it puts in (or reads
 * from) these two keys crosses the bridge unchanged. Values are untrusted: a malformed
 * `traceparent` is dropped (and its `tracestate` with it, as W3C says), an oversized one too.
 */

/** The headers (lower case, as Node gives them) and metadata keys carried across. */
export const TRACE_KEYS = ["traceparent", "tracestate"] as const;

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
/** W3C allows 32 list members of at most 256 characters each; more is not trace context. */
const MAX_TRACESTATE = 512;

/**
 * The trace context in `source` (HTTP headers or transport metadata: a record of strings, or of
 * string arrays for repeated headers), or undefined when it holds no valid `traceparent`.
 */
export function traceContextOf(source: unknown): Record<string, string> | undefined {
  if (typeof source !== "object" || source === null) return undefined;
  const record = source as Record<string, unknown>;
  const parent = first(record.traceparent);
  if (parent === undefined || !TRACEPARENT.test(parent)) return undefined;
  const state = first(record.tracestate);
  return state !== undefined && state.length <= MAX_TRACESTATE
    ? { traceparent: parent, tracestate: state }
    : { traceparent: parent };
}

function first(value: unknown): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === "string" ? one.trim() : undefined;
}
