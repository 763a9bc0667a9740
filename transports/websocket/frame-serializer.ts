/**
 * Writes frames as WebSocket text messages: the JSON header on one line and, for `pub` and
 * `msg`, the body after its newline as it is. A body that is bytes (Node) is copied, never
 * decoded, so a message crosses the hub without becoming a JavaScript string.
 */
import { memoizeByString } from "../string-memo.js";
import { BASE64 } from "./body-encoding.js";
import type { ClientFrame, HubFrame, MsgFrame, PubFrame } from "./frames.js";

/** `ignoreBOM`: a leading U+FEFF is text like any other, kept as it is on every path. */
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
const NEWLINE = 0x0a;

/**
 * A frame as one WebSocket text message: a string, or, when its body is bytes and the socket
 * sends bytes as text (`bytesOk`, Node's `ws`), the message's UTF-8 bytes.
 */
export function frameData(frame: ClientFrame | HubFrame, bytesOk: boolean): string | Uint8Array {
  if (frame.type !== "pub" && frame.type !== "msg") return JSON.stringify(frame);
  const body = frame.body;
  const head = headerLine(frame);
  if (typeof body === "string") return `${head}\n${body}`;
  return bytesOk ? joined(head, body) : `${head}\n${decoder.decode(body)}`;
}

/** Addresses and subscription ids recur on every message: their JSON is looked up, not made. */
const quoted = memoizeByString((text: string) => JSON.stringify(text));

/**
 * The JSON of a string map (metadata), `{}` without a look inside when it is empty. Anything else
 * a plain-JS caller passes is written as `JSON.stringify` writes it, for the hub to refuse.
 */
function mapJson(map: unknown): string {
  if (typeof map !== "object" || map === null || Array.isArray(map))
    return JSON.stringify(map) ?? "null";
  for (const _ in map) return JSON.stringify(map);
  return "{}";
}

/** A flag as JSON; anything but a boolean (a plain-JS caller's) as `JSON.stringify` writes it. */
function flagJson(flag: unknown): string {
  if (flag === true) return "true";
  if (flag === false) return "false";
  return JSON.stringify(flag) ?? "null";
}

/**
 * The header line of a `pub` or `msg` frame: the frame's JSON without its body (undefined fields
 * left out, as `JSON.stringify` does), written out directly because it is on every message the
 * hub passes and a copy of the frame without its body for `JSON.stringify` is not free.
 */
function headerLine(frame: PubFrame | MsgFrame): string {
  const encoding = frame.encoding === BASE64 ? `,"encoding":"${BASE64}"` : "";
  if (frame.type === "msg") {
    const only = frame.subs.length === 1 ? frame.subs[0] : undefined;
    const subs = typeof only === "string" ? `[${quoted(only)}]` : JSON.stringify(frame.subs);
    return `{"type":"msg","subs":${subs},"address":${quoted(frame.address)}${encoding},"metadata":${mapJson(frame.metadata)},"retained":${flagJson(frame.retained)}}`;
  }
  let line = `{"type":"pub","address":${quoted(frame.address)}${encoding}`;
  if (frame.retain !== undefined) line += `,"retain":${flagJson(frame.retain)}`;
  if (frame.expirySeconds !== undefined)
    line += `,"expirySeconds":${JSON.stringify(frame.expirySeconds)}`;
  if (frame.metadata !== undefined) line += `,"metadata":${mapJson(frame.metadata)}`;
  // Publish ids are new each time: not worth remembering.
  if (frame.id !== undefined) line += `,"id":${JSON.stringify(frame.id)}`;
  return `${line}}`;
}

/** `head`, a newline and `body` as one run of UTF-8 bytes. */
function joined(head: string, body: Uint8Array): Uint8Array {
  if (NodeBuffer) {
    const headBytes = NodeBuffer.byteLength(head);
    const out = NodeBuffer.allocUnsafe(headBytes + 1 + body.byteLength);
    out.write(head, 0, headBytes, "utf8");
    out[headBytes] = NEWLINE;
    out.set(body, headBytes + 1);
    return out;
  }
  const headBytes = encoder.encode(head);
  const out = new Uint8Array(headBytes.byteLength + 1 + body.byteLength);
  out.set(headBytes);
  out[headBytes.byteLength] = NEWLINE;
  out.set(body, headBytes.byteLength + 1);
  return out;
}
