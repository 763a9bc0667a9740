/**
 * Message bodies in frames. Parley envelopes are JSON, so a body normally travels as its UTF-8
 * text; any other bytes (a peer's garbage must reach the receiver to be refused there, as on
 * every transport) travel as base64 with `encoding: "base64"`. Browser-safe (`btoa`/`atob`).
 */

/** The one non-text body encoding. */
export const BASE64 = "base64";

/** A body as frames carry it. */
export interface FrameBody {
  readonly body: string;
  /** Absent: `body` is the UTF-8 text itself. */
  readonly encoding?: typeof BASE64;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True when `text` is canonical base64. */
export function isBase64(text: string): boolean {
  return BASE64_TEXT.test(text);
}

/** Bytes to a frame body: text when they are UTF-8, base64 otherwise. */
export function encodeBody(bytes: Uint8Array): FrameBody {
  try {
    return { body: decoder.decode(bytes) };
  } catch {
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return { body: btoa(binary), encoding: BASE64 };
  }
}

/** A frame body back to bytes. */
export function decodeBody(body: FrameBody): Uint8Array {
  if (body.encoding !== BASE64) return encoder.encode(body.body);
  const binary = atob(body.body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `{ encoding }` when the body is base64, else `{}`: for spreading into frames. */
export function encodingOf(body: FrameBody): { encoding?: typeof BASE64 } {
  return body.encoding === BASE64 ? { encoding: BASE64 } : {};
}
