/**
 * Message bodies in frames. Parley envelopes are JSON, so a body normally travels as its UTF-8
 * text; any other bytes (a peer's garbage must reach the receiver to be refused there, as on
 * every transport) travel as base64 with `encoding: "base64"`. Browser-safe (`btoa`/`atob`).
 *
 * In Node, where `ws` hands text messages over as bytes and sends bytes as text, a body after the
 * header line stays the bytes it arrived as (`body` is then a `Uint8Array` of UTF-8 text): a
 * message passes the hub and reaches the receiving agent without becoming a JavaScript string.
 */

/** The one non-text body encoding. */
export const BASE64 = "base64";

/** A body as frames carry it. */
export interface FrameBody {
  /** The text, or its UTF-8 bytes (never base64: those are always a string). */
  readonly body: string | Uint8Array;
  /** Absent (or undefined): `body` is the UTF-8 text itself. */
  readonly encoding?: typeof BASE64 | undefined;
}

/** Whether bytes are valid UTF-8 (Node's `buffer.isUtf8`), for a side that sends bytes as text. */
export type Utf8Check = (bytes: Uint8Array) => boolean;

/** `ignoreBOM`: a body's leading U+FEFF is kept, as where the body stays bytes. */
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True when `text` is canonical base64. */
export function isBase64(text: string): boolean {
  return BASE64_TEXT.test(text);
}

/**
 * Bytes to a frame body: text when they are UTF-8, base64 otherwise. With `isUtf8` (a side that
 * sends bytes as text) UTF-8 bytes stay bytes.
 */
export function encodeBody(bytes: Uint8Array, isUtf8?: Utf8Check): FrameBody {
  if (isUtf8) {
    if (isUtf8(bytes)) return { body: bytes };
    return { body: base64Of(bytes), encoding: BASE64 };
  }
  try {
    return { body: decoder.decode(bytes) };
  } catch {
    return { body: base64Of(bytes), encoding: BASE64 };
  }
}

function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A frame body back to bytes (a body that is bytes already: those bytes, not a copy). */
export function decodeBody(body: FrameBody): Uint8Array {
  if (typeof body.body !== "string") return body.body;
  if (body.encoding !== BASE64) return encoder.encode(body.body);
  const binary = atob(body.body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The body as a string: its text, or its base64 (see `encoding`). */
export function bodyText(body: FrameBody): string {
  return typeof body.body === "string" ? body.body : decoder.decode(body.body);
}

/** `{ encoding }` when the body is base64, else `{}`: for spreading into frames. */
export function encodingOf(body: FrameBody): { encoding?: typeof BASE64 } {
  return body.encoding === BASE64 ? { encoding: BASE64 } : {};
}
