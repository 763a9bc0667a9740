/** Node only: a message's bytes as `ws` hands them over (one buffer, several, or an ArrayBuffer). */
import type { RawData } from "ws";

/** The bytes of one `ws` message, not decoded (a frame's body stays bytes) and not copied. */
export function messageBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
