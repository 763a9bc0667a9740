/**
 * The wire envelope: the seed protocol's nine snake_case keys, no more. `schemas/envelope.schema.json`
 * is its contract; this module builds, encodes and decodes it.
 */

/** The kinds of message on the wire; also the last level of an address. */
export const MessageType = {
  request: "request",
  response: "response",
  broadcast: "broadcast",
  heartbeat: "heartbeat",
  error: "error",
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Message priority, as in the seed: 1 low .. 4 urgent. */
export const Priority = { low: 1, normal: 2, high: 3, urgent: 4 } as const;
export type Priority = (typeof Priority)[keyof typeof Priority];

/** A JSON object. */
export type JsonObject = { [key: string]: unknown };

/** One message on the wire. */
export interface Envelope {
  id: string;
  sender_id: string;
  recipient_id: string | null;
  message_type: MessageType;
  priority: Priority;
  timestamp: string;
  payload: JsonObject;
  correlation_id: string | null;
  expires_at: string | null;
}

/** Fields needed to build an envelope; the rest get fresh values. */
export interface EnvelopeInit {
  /** Defaults to a fresh UUID. */
  id?: string;
  sender_id: string;
  recipient_id: string | null;
  message_type: MessageType;
  payload: JsonObject;
  priority?: Priority;
  correlation_id?: string | null;
  expires_at?: Date | null;
  /** Defaults to now. */
  now?: Date;
}

/**
 * An ISO 8601 instant with an explicit `+00:00` offset. Python before 3.11 rejects the `Z` that
 * `Date.toISOString()` writes, and seed agents compare timestamps with aware datetimes.
 */
export function isoTimestamp(date: Date): string {
  return isoFromEpochMs(date.getTime());
}

/**
 * The last two instants formatted: formatting is costly per envelope, and the envelopes of one
 * millisecond share their timestamp (and their `expires_at`, the other slot).
 */
const cachedMs = [Number.NaN, Number.NaN];
const cachedIso = ["", ""];
let nextSlot = 0;

/**
 * `YYYY-MM-DDTHH:MM:SS.` of the last second formatted: an instant in the same second only needs
 * its milliseconds appended (a new millisecond comes with nearly every message at low rates).
 */
let secondStart = Number.NaN;
let secondPrefix = "";
/** 10000-01-01: from there on `toISOString` writes a six-digit year (and before 1970 is not worth it). */
const YEAR_10000 = 253_402_300_800_000;

function formatIso(ms: number): string {
  const fraction = ms % 1000;
  if (fraction >= 0 && Number.isInteger(ms) && ms - fraction === secondStart) {
    return `${secondPrefix}${fraction < 10 ? "00" : fraction < 100 ? "0" : ""}${fraction}+00:00`;
  }
  // An invalid date (NaN) throws here, as before.
  const iso = new Date(ms).toISOString();
  if (ms >= 0 && ms < YEAR_10000) {
    secondStart = ms - fraction;
    secondPrefix = iso.slice(0, 20);
  }
  return `${iso.slice(0, -1)}+00:00`;
}

/** {@link isoTimestamp} of an instant in epoch milliseconds (no `Date` made for it). */
export function isoFromEpochMs(ms: number): string {
  if (ms === cachedMs[0]) return cachedIso[0] as string;
  if (ms === cachedMs[1]) return cachedIso[1] as string;
  const iso = formatIso(ms);
  cachedMs[nextSlot] = ms;
  cachedIso[nextSlot] = iso;
  nextSlot ^= 1;
  rememberParsed(iso, ms);
  return iso;
}

/**
 * The last few instants parsed. One request's `expires_at` is read on its way out (broker-side
 * expiry), and at the responder on arrival, before the handler runs, for the handler's deadline
 * and for the reply; parsing it each time is costly per envelope.
 */
const PARSED_SLOTS = 4;
const parsedIso: string[] = new Array<string>(PARSED_SLOTS).fill("");
const parsedMs: number[] = new Array<number>(PARSED_SLOTS).fill(Number.NaN);
let nextParsed = 0;

function rememberParsed(iso: string, ms: number): void {
  parsedIso[nextParsed] = iso;
  parsedMs[nextParsed] = ms;
  nextParsed = (nextParsed + 1) % PARSED_SLOTS;
}

/** `Date.parse` of an envelope's timestamp or `expires_at` (NaN for a string it cannot read). */
export function epochMsOf(iso: string): number {
  for (let i = 0; i < PARSED_SLOTS; i++) if (parsedIso[i] === iso) return parsedMs[i] as number;
  const ms = Date.parse(iso);
  rememberParsed(iso, ms);
  return ms;
}

/** Builds an envelope with a fresh id and timestamp; always all nine keys, in the seed's order. */
export function createEnvelope(init: EnvelopeInit): Envelope {
  return {
    id: init.id ?? crypto.randomUUID(),
    sender_id: init.sender_id,
    recipient_id: init.recipient_id,
    message_type: init.message_type,
    priority: init.priority ?? Priority.normal,
    timestamp: isoFromEpochMs(init.now ? init.now.getTime() : Date.now()),
    payload: init.payload,
    correlation_id: init.correlation_id ?? null,
    expires_at: init.expires_at ? isoTimestamp(init.expires_at) : null,
  };
}

const encoder = new TextEncoder();
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/**
 * UTF-8 bytes of a string. In Node, `Buffer.from` copies into a shared slab and is cheaper than
 * `TextEncoder`, which allocates a fresh buffer each time; the result is still a plain
 * `Uint8Array`. Browsers have no `Buffer`: they use `TextEncoder`.
 */
const utf8: (text: string) => Uint8Array = NodeBuffer
  ? (text) => {
      const bytes = NodeBuffer.from(text, "utf8");
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
  : (text) => encoder.encode(text);

/**
 * Small encodings are written into a shared slab, as `Buffer.from` does into its pool, but
 * straight from the string: no separate byte count and no `Buffer` object per message. Views of
 * a slab keep all of it alive, so it stays as small as Node's pool.
 */
const SLAB_BYTES = 8 * 1024;
let slab = new Uint8Array(SLAB_BYTES);
let slabOffset = 0;

/** UTF-8 bytes of a string, from the slab when it fits in half of one. */
function utf8Pooled(text: string): Uint8Array {
  // Each UTF-16 unit takes at most three bytes (a surrogate pair four for its two units).
  const most = text.length * 3;
  if (most > SLAB_BYTES >>> 1) return utf8(text);
  if (most > SLAB_BYTES - slabOffset) {
    slab = new Uint8Array(SLAB_BYTES);
    slabOffset = 0;
  }
  const { written } = encoder.encodeInto(text, slab.subarray(slabOffset));
  const bytes = new Uint8Array(slab.buffer, slabOffset, written);
  // The next view starts 8-aligned, as in Node's pool.
  slabOffset = (slabOffset + written + 7) & ~7;
  return bytes;
}

/** Envelope to UTF-8 JSON bytes. */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  return utf8Pooled(JSON.stringify(envelope));
}

/** True when the envelope's `expires_at` is set and before `now`. */
export function isExpired(envelope: Envelope, now: number = Date.now()): boolean {
  if (envelope.expires_at === null) return false;
  return epochMsOf(envelope.expires_at) < now;
}
