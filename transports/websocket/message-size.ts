/**
 * What a message kept by the hub (retained or held) costs in bytes, for the stores' byte bounds:
 * its address, body and metadata as UTF-8. Node only (the hub).
 */
import { Buffer } from "node:buffer";
import type { FrameBody } from "./body-encoding.js";

/** A message as the hub keeps it. */
export interface KeptContent extends FrameBody {
  readonly address: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Bytes of the message's address, body and metadata keys and values. */
export function keptBytesOf(content: KeptContent): number {
  let bytes = Buffer.byteLength(content.address);
  const body = content.body;
  bytes += typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
  for (const key in content.metadata)
    bytes += Buffer.byteLength(key) + Buffer.byteLength(content.metadata[key] ?? "");
  return bytes;
}

/** A copy of the message whose body no longer points into the socket's read buffer. */
export function keptCopyOf(content: KeptContent): KeptContent {
  const { address, body, encoding, metadata } = content;
  // `new Uint8Array(view)` copies (a Buffer's `slice` would not): a view would keep all of the
  // read buffer alive.
  const kept = typeof body === "string" ? body : new Uint8Array(body);
  return encoding === undefined
    ? { address, body: kept, metadata }
    : { address, body: kept, encoding, metadata };
}
