/**
 * The trace a message belongs to, from the W3C `traceparent` an instrumented agent puts in its
 * transport metadata (MQTT 5 user properties, NATS headers, hub frame metadata; see
 * docs/observability.md). `parley watch --json` shows it so a line can be looked up in the
 * tracing backend.
 */

/** `version-traceid-parentid-flags`, lowercase hex (W3C Trace Context, level 1). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZEROS = /^0+$/;

/** The trace id of a valid `traceparent` in `metadata`, else undefined. */
export function traceIdOf(metadata: Readonly<Record<string, string>>): string | undefined {
  const value = metadata.traceparent;
  if (value === undefined) return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (!match) return undefined;
  const [, version, traceId, parentId] = match as unknown as [string, string, string, string];
  // Version ff is forbidden; version 00 has exactly four fields; all-zero ids are invalid.
  if (version === "ff" || (version === "00" && match[5] !== undefined)) return undefined;
  if (ZEROS.test(traceId) || ZEROS.test(parentId)) return undefined;
  return traceId;
}
