/**
 * Node only: frames as `ws` moves them. A message's bytes as `ws` hands them over (one buffer,
 * several, or an ArrayBuffer), and the send options that make bytes go out as a text message.
 */
import type { RawData } from "ws";

/**
 * The bytes of one `ws` message, not decoded (a frame's body stays bytes) and not copied: a plain
 * `Uint8Array` view, as every transport delivers, not `ws`'s `Buffer` (whose `slice` is a view and
 * whose JSON is `{"type":"Buffer",...}`).
 */
export function messageBytes(data: RawData): Uint8Array {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** `ws.send` options: a text message, also when the data is bytes. */
export const AS_TEXT = { binary: false } as const;
