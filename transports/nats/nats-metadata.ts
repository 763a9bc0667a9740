/**
 * Transport metadata ⇄ NATS headers. NATS headers follow MIME rules, so not every string pair
 * survives: keys must be printable ASCII without `:` or spaces, and values may not contain CR or
 * LF nor start or end with whitespace (NATS trims it). Such metadata is refused with a TypeError
 * when publishing rather than altered on the way.
 */
import type { MsgHdrs } from "@nats-io/nats-core";

const HEADER_KEY = /^[\u0021-\u0039\u003b-\u007e]+$/;
const LINE_BREAK = /[\r\n]/;

/** Checks that one metadata entry can travel as a NATS header unchanged. */
function assertHeaderSafe(key: string, value: string): void {
  if (!HEADER_KEY.test(key)) {
    throw new TypeError(
      `nats transport: metadata key "${key}" must be printable ASCII without ":" or spaces`,
    );
  }
  if (LINE_BREAK.test(value) || value.trim() !== value) {
    throw new TypeError(
      `nats transport: metadata value of "${key}" may not contain line breaks or leading/trailing whitespace`,
    );
  }
}

/** Headers for a publish, or undefined when there is no metadata. Throws on metadata NATS would alter. */
export function metadataToHeaders(
  metadata: Readonly<Record<string, string>> | undefined,
  headers: () => MsgHdrs,
): MsgHdrs | undefined {
  if (metadata === undefined) return undefined;
  const entries = Object.entries(metadata);
  if (entries.length === 0) return undefined;
  const h = headers();
  for (const [key, value] of entries) {
    assertHeaderSafe(key, value);
    h.set(key, value);
  }
  return h;
}

/** What a message without headers carries: one shared, frozen empty set. */
const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({});

/** Metadata of a delivered message; the first value of a repeated header wins. */
export function headersToMetadata(h: MsgHdrs | undefined): Readonly<Record<string, string>> {
  if (!h) return NO_METADATA;
  const metadata: Record<string, string> = {};
  for (const [key, values] of h) {
    const first = values[0];
    if (first !== undefined) metadata[key] = first;
  }
  return metadata;
}
