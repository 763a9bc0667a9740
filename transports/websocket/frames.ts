/**
 * The hub's frame protocol: one WebSocket text message is one frame, a JSON object with a `type`.
 * Bodies are UTF-8 text (Parley envelopes are JSON); other bytes travel as base64 with
 * `encoding: "base64"` beside `body` (see `body-encoding.ts`). Binary WebSocket messages are refused.
 *
 * Frame format 2 (both sides say `frameFormat: 2`, in `hello` and in `welcome`): the body of a
 * `pub` or `msg` frame follows its JSON header on the same text message, after one newline,
 * as it is, instead of as an escaped JSON string in a `body` key: `{"type":"pub",...}\n<body>`.
 * The hub reads only the header and forwards the body untouched. In format 2 every frame's JSON
 * is one line (its first newline ends the header); a format-2 client may still put a body in a
 * `body` key. Format 1 (a `body` key; the text is all JSON, raw newlines allowed as whitespace)
 * is what a peer that does not say `frameFormat: 2` sends and is sent.
 *
 * Frame format 3 (both sides say 3): as 2, and an `ack { id }` answers the frame `id` and every
 * frame the client sent before it that is still waiting for an answer (frames the hub refused got
 * their `error` first, since the hub answers a connection's frames in order). The hub sends one
 * ack for all the frames it took in one read, instead of one per frame. Each side uses the
 * newest format both announced (`min` of the two). So in format 3 the ids of a client's waiting
 * frames must be unique, and a client must not send frames whose id the hub cannot read (too
 * long, or not JSON): their `error` has no `id`, and a later ack would seem to cover them.
 *
 * client -> hub
 *   hello  { clientId, token?, will?: { address, body, retain? } }  first frame; answered by
 *          `welcome`, or by `error` and close code 4401 when the token is refused (4400 when the
 *          first frame is not a valid hello)
 *   sub    { id, pattern, group? }        answered by `ack { id }` or `error { id, message }`
 *   unsub  { id }                         answered by `ack { id }`
 *   pub    { address, body, retain?, expirySeconds?, metadata?, id? }  `ack { id }` when id is set,
 *          sent after the hub has routed the message, or held it when no recipient subscription
 *          matched (delivered to the next matching one, dropped at its expiry); `error { id }`
 *          when it can be neither delivered nor held (the hold is full): never an ack for a
 *          message the hub drops
 *   bye    {}                             clean goodbye: the hub forgets the Last Will
 * hub -> client
 *   welcome { features, maxFrameBytes }
 *   msg     { subs, address, body, metadata, retained }   `subs`: ids of every matching subscription
 *   ack     { id }
 *   error   { message, id? }               `id` names the frame that failed, where it had one
 *
 * Every frame from the wire is untrusted: {@link parseClientFrame} and {@link parseHubFrame} check
 * each field and throw a {@link FrameError} with a one-line reason. Unknown keys are ignored.
 */
import { assertValidAddress, assertValidPattern } from "../address-pattern.js";
import { memoizeByString } from "../string-memo.js";
import type { TransportFeatures } from "../transport.js";
import { BASE64, bodyText, type FrameBody } from "./body-encoding.js";
import {
  expectObject,
  FrameError,
  optionalString,
  readBody,
  readBoolean,
  readFeatures,
  readRecordOfStrings,
  requireString,
} from "./frame-fields.js";

export { FrameError };

/** WebSocket close codes the hub uses (4000-4999 is the application range). */
export const HubCloseCode = {
  /** Normal closure, after a `bye`. */
  normal: 1000,
  /** The hub has its most connections open (`maxConnections`): reconnect later. */
  tryAgainLater: 1013,
  /** The first frame was not a valid `hello`. */
  badHello: 4400,
  /** The token was missing or refused. */
  unauthorized: 4401,
  /** Another connection said hello with the same client id. */
  takenOver: 4409,
} as const;
export type HubCloseCode = (typeof HubCloseCode)[keyof typeof HubCloseCode];

/** A Last Will as carried in `hello`. */
export interface WillFrame extends FrameBody {
  readonly address: string;
  readonly retain?: boolean;
}

/** First frame of a connection: who the client is, its token and Last Will. */
export interface HelloFrame {
  readonly type: "hello";
  readonly clientId: string;
  readonly token?: string;
  readonly will?: WillFrame;
  /** The newest frame format the client reads ({@link FRAME_FORMAT}); absent means 1. */
  readonly frameFormat?: number;
}
/** Subscribe; `id` names the subscription in later `msg` frames. */
export interface SubFrame {
  readonly type: "sub";
  readonly id: string;
  readonly pattern: string;
  readonly group?: string;
}
/** Drop the subscription `id`. */
export interface UnsubFrame {
  readonly type: "unsub";
  readonly id: string;
}
/** Publish; with `id`, the hub acks once it has routed the message. */
export interface PubFrame extends FrameBody {
  readonly type: "pub";
  readonly address: string;
  readonly retain?: boolean | undefined;
  readonly expirySeconds?: number | undefined;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  readonly id?: string | undefined;
}
/** Clean goodbye: no Last Will. */
export interface ByeFrame {
  readonly type: "bye";
}
/** Frames a client sends. */
export type ClientFrame = HelloFrame | SubFrame | UnsubFrame | PubFrame | ByeFrame;

/** Hello accepted: what the hub offers and the largest frame it takes. */
export interface WelcomeFrame {
  readonly type: "welcome";
  readonly features: TransportFeatures;
  readonly maxFrameBytes: number;
  /** The frame format both sides use from now on; absent means 1. */
  readonly frameFormat?: number;
}
/** A delivered message, once per client, naming every matching subscription. */
export interface MsgFrame extends FrameBody {
  readonly type: "msg";
  readonly subs: readonly string[];
  readonly address: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly retained: boolean;
}
/** The request frame `id` succeeded. */
export interface AckFrame {
  readonly type: "ack";
  readonly id: string;
}
/** A frame was refused (`id` names it where it had one). */
export interface ErrorFrame {
  readonly type: "error";
  readonly message: string;
  readonly id?: string;
}
/** Frames the hub sends. */
export type HubFrame = WelcomeFrame | MsgFrame | AckFrame | ErrorFrame;

/** The frame format from which bodies follow the header line. */
export const BODY_AFTER_HEADER = 2;
/** The frame format from which an `ack` answers every earlier frame still waiting too. */
export const ACKS_UP_TO = 3;
/** The newest frame format. */
export const FRAME_FORMAT = ACKS_UP_TO;

/** The frame format to use with a peer that announced `announced` (1 when it said nothing). */
export function agreedFrameFormat(announced: number | undefined): number {
  return announced === undefined ? 1 : Math.min(announced, FRAME_FORMAT);
}

/** `ignoreBOM`: a leading U+FEFF is text like any other, kept as it is on every path. */
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
const NEWLINE = 0x0a;

/**
 * A frame as one WebSocket text message: a string, or, when its body is bytes and the socket
 * sends bytes as text (`bytesOk`, Node's `ws`), the message's UTF-8 bytes. In format 2 the body
 * of a `pub` or `msg` frame goes after the header line untouched: no JSON escaping of the envelope
 * inside, and a body that arrived as bytes is copied, never decoded.
 */
export function frameData(
  frame: ClientFrame | HubFrame,
  format: number,
  bytesOk: boolean,
): string | Uint8Array {
  if (frame.type !== "pub" && frame.type !== "msg") return JSON.stringify(frame);
  const body = frame.body;
  if (format < BODY_AFTER_HEADER)
    return JSON.stringify(typeof body === "string" ? frame : { ...frame, body: bodyText(frame) });
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
 * left out, as `JSON.stringify` does), written out directly. `JSON.stringify` of a copy without
 * the body costs about five times as much, on every message the hub passes.
 */
function headerLine(frame: PubFrame | MsgFrame): string {
  const encoding = frame.encoding === BASE64 ? `,"encoding":"${BASE64}"` : "";
  if (frame.type === "msg") {
    const [only, ...more] = frame.subs;
    const subs =
      only !== undefined && more.length === 0 ? `[${quoted(only)}]` : JSON.stringify(frame.subs);
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

const ID_MAX = 64;
const NAME_MAX = 256;
const ADDRESS_MAX = 1024;
const TOKEN_MAX = 4096;

/**
 * The frame as a JSON object. In format 2 (agreed with this peer) a body may follow the one-line
 * header; in format 1 the whole text is the JSON (which may then hold raw newlines as whitespace).
 * A text message given as its UTF-8 bytes (Node's `ws`) keeps a body after the header as bytes.
 */
function parseObject(data: string | Uint8Array, format: number): Record<string, unknown> {
  if (typeof data !== "string") {
    if (format < BODY_AFTER_HEADER) return parseObject(textOf(data), format);
    const newline = data.indexOf(NEWLINE);
    if (newline < 0) return parseObject(textOf(data), format);
    const frame = parseHeader(textOf(data.subarray(0, newline)), true);
    frame.body = data.subarray(newline + 1);
    return frame;
  }
  const newline = format >= BODY_AFTER_HEADER ? data.indexOf("\n") : -1;
  if (newline < 0) return parseHeader(data, false);
  const frame = parseHeader(data.slice(0, newline), true);
  frame.body = data.slice(newline + 1);
  return frame;
}

/** A text message's bytes as text (`ws` checked that they are UTF-8; checked again here). */
function textOf(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new FrameError("frame is not valid UTF-8");
  }
}

/** The JSON object of a whole frame or (`bodyFollows`) of the header line before its body. */
function parseHeader(text: string, bodyFollows: boolean): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FrameError(
      bodyFollows ? "frame header (its first line) is not valid JSON" : "frame is not valid JSON",
    );
  }
  const frame = expectObject(value, "frame");
  if (bodyFollows && frame.body !== undefined)
    throw new FrameError("body both in the header and after it");
  return frame;
}

/** An optional positive integer field: a frame format. */
function readFormat(frame: Record<string, unknown>): number | undefined {
  const value = frame.frameFormat;
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw new FrameError("frameFormat must be a positive integer");
  return value;
}

function checked(kind: "address" | "pattern", value: string, id?: string): string {
  try {
    if (kind === "address") assertValidAddress(value);
    else assertValidPattern(value);
  } catch (error) {
    throw new FrameError((error as Error).message, id);
  }
  return value;
}

/**
 * Parses and checks one frame from a client, in the frame format agreed with it (1 until its
 * hello said otherwise). Throws {@link FrameError}.
 */
export function parseClientFrame(data: string | Uint8Array, format = 1): ClientFrame {
  const frame = parseObject(data, format);
  const id = typeof frame.id === "string" && frame.id.length <= ID_MAX ? frame.id : undefined;
  const fail = (message: string): never => {
    throw new FrameError(message, id);
  };
  try {
    switch (frame.type) {
      case "hello": {
        const clientId = requireString(frame, "clientId", NAME_MAX);
        const token = optionalString(frame, "token", TOKEN_MAX);
        const willValue = frame.will;
        let will: WillFrame | undefined;
        if (willValue !== undefined) {
          const w = expectObject(willValue, "will");
          const retain = readBoolean(w, "retain");
          will = {
            address: checked("address", requireString(w, "address", ADDRESS_MAX)),
            ...readBody(w),
            ...(retain === undefined ? {} : { retain }),
          };
        }
        if (clientId.length === 0) fail("clientId must not be empty");
        const frameFormat = readFormat(frame);
        return {
          type: "hello",
          clientId,
          ...(token === undefined ? {} : { token }),
          ...(will === undefined ? {} : { will }),
          ...(frameFormat === undefined ? {} : { frameFormat }),
        };
      }
      case "sub": {
        const subId = requireString(frame, "id", ID_MAX);
        const group = optionalString(frame, "group", NAME_MAX);
        const pattern = checked("pattern", requireString(frame, "pattern", ADDRESS_MAX), subId);
        if (group === "") fail("group must not be empty");
        return { type: "sub", id: subId, pattern, ...(group === undefined ? {} : { group }) };
      }
      case "unsub":
        return { type: "unsub", id: requireString(frame, "id", ID_MAX) };
      case "pub":
        return parsePub(frame, id);
      case "bye":
        return { type: "bye" };
      default:
        return fail(`unknown frame type ${JSON.stringify(frame.type)}`);
    }
  } catch (error) {
    if (error instanceof FrameError)
      throw error.id === undefined ? new FrameError(error.message, id) : error;
    throw error;
  }
}

function parsePub(frame: Record<string, unknown>, id: string | undefined): PubFrame {
  const pubId = optionalString(frame, "id", ID_MAX);
  const address = checked("address", requireString(frame, "address", ADDRESS_MAX), id);
  const body = readBody(frame);
  const retain = readBoolean(frame, "retain");
  const expirySeconds = frame.expirySeconds;
  if (
    expirySeconds !== undefined &&
    (typeof expirySeconds !== "number" || !Number.isFinite(expirySeconds) || expirySeconds < 0)
  ) {
    throw new FrameError("expirySeconds must be a non-negative number", id);
  }
  // One shape for every pub (absent fields undefined): no spreading on the hub's busiest path.
  return {
    type: "pub",
    address,
    body: body.body,
    encoding: body.encoding,
    retain,
    expirySeconds,
    metadata: readRecordOfStrings(frame, "metadata"),
    id: pubId,
  };
}

/**
 * Parses and checks one frame from the hub, in the frame format agreed with it (1 until its
 * welcome said otherwise). Throws {@link FrameError}.
 */
export function parseHubFrame(data: string | Uint8Array, format = 1): HubFrame {
  const frame = parseObject(data, format);
  switch (frame.type) {
    case "welcome": {
      const maxFrameBytes = frame.maxFrameBytes;
      if (typeof maxFrameBytes !== "number" || !(maxFrameBytes > 0)) {
        throw new FrameError("welcome.maxFrameBytes must be a positive number");
      }
      const frameFormat = readFormat(frame);
      return {
        type: "welcome",
        features: readFeatures(frame.features),
        maxFrameBytes,
        ...(frameFormat === undefined ? {} : { frameFormat }),
      };
    }
    case "msg": {
      const subs = frame.subs;
      if (!Array.isArray(subs) || !subs.every((s): s is string => typeof s === "string")) {
        throw new FrameError("msg.subs must be an array of strings");
      }
      return {
        type: "msg",
        subs,
        address: requireString(frame, "address", ADDRESS_MAX),
        ...readBody(frame),
        metadata: readRecordOfStrings(frame, "metadata") ?? {},
        retained: readBoolean(frame, "retained") ?? false,
      };
    }
    case "ack":
      return { type: "ack", id: requireString(frame, "id", ID_MAX) };
    case "error": {
      const id = optionalString(frame, "id", ID_MAX);
      const message = requireString(frame, "message");
      return { type: "error", message, ...(id === undefined ? {} : { id }) };
    }
    default:
      throw new FrameError(`unknown frame type ${JSON.stringify(frame.type)}`);
  }
}
