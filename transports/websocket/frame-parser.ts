/**
 * Reads and checks frames from the wire. Every frame is untrusted: {@link parseClientFrame} and
 * {@link parseHubFrame} check each field and throw a {@link FrameError} with a one-line reason.
 * Unknown keys are ignored. A frame's JSON is one line: its first newline ends the header, and
 * what follows is the body of a `pub` or `msg`; a frame without a newline is all JSON (a `pub`
 * may carry its body as a JSON string in `body`). A text message given as its UTF-8 bytes
 * (Node's `ws`) keeps its body as bytes.
 */
import { assertValidAddress, assertValidPattern } from "../address-pattern.js";
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
import type { ClientFrame, HubFrame, PubFrame, WillFrame } from "./frames.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const NEWLINE = 0x0a;
const ID_MAX = 64;
const NAME_MAX = 256;
const ADDRESS_MAX = 1024;
const TOKEN_MAX = 4096;

/** The frame's JSON object, with the body that followed its header line as `body`. */
function parseObject(data: string | Uint8Array): Record<string, unknown> {
  if (typeof data !== "string") {
    const newline = data.indexOf(NEWLINE);
    if (newline < 0) return parseHeader(textOf(data), false);
    const frame = parseHeader(textOf(data.subarray(0, newline)), true);
    frame.body = data.subarray(newline + 1);
    return frame;
  }
  const newline = data.indexOf("\n");
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

/** The optional `frameFormat` of hello and welcome: a positive integer. */
function readFormat(frame: Record<string, unknown>): { frameFormat?: number } {
  const value = frame.frameFormat;
  if (value === undefined) return {};
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw new FrameError("frameFormat must be a positive integer");
  return { frameFormat: value };
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

function parseWill(value: unknown): { will?: WillFrame } {
  if (value === undefined) return {};
  const w = expectObject(value, "will");
  const retain = readBoolean(w, "retain");
  return {
    will: {
      address: checked("address", requireString(w, "address", ADDRESS_MAX)),
      ...readBody(w),
      ...(retain === undefined ? {} : { retain }),
    },
  };
}

/** Parses and checks one frame from a client. Throws {@link FrameError}. */
export function parseClientFrame(data: string | Uint8Array): ClientFrame {
  const frame = parseObject(data);
  const id = typeof frame.id === "string" && frame.id.length <= ID_MAX ? frame.id : undefined;
  try {
    switch (frame.type) {
      case "hello": {
        const clientId = requireString(frame, "clientId", NAME_MAX);
        const token = optionalString(frame, "token", TOKEN_MAX);
        const will = parseWill(frame.will);
        if (clientId.length === 0) throw new FrameError("clientId must not be empty");
        const format = readFormat(frame);
        return {
          type: "hello",
          clientId,
          ...format,
          ...(token === undefined ? {} : { token }),
          ...will,
        };
      }
      case "sub": {
        const subId = requireString(frame, "id", ID_MAX);
        const group = optionalString(frame, "group", NAME_MAX);
        const pattern = checked("pattern", requireString(frame, "pattern", ADDRESS_MAX), subId);
        if (group === "") throw new FrameError("group must not be empty");
        return { type: "sub", id: subId, pattern, ...(group === undefined ? {} : { group }) };
      }
      case "unsub":
        return { type: "unsub", id: requireString(frame, "id", ID_MAX) };
      case "pub":
        return parsePub(frame, id);
      case "bye":
        return { type: "bye" };
      default:
        throw new FrameError(`unknown frame type ${JSON.stringify(frame.type)}`);
    }
  } catch (error) {
    if (error instanceof FrameError && error.id === undefined)
      throw new FrameError(error.message, id);
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

/** Parses and checks one frame from the hub. Throws {@link FrameError}. */
export function parseHubFrame(data: string | Uint8Array): HubFrame {
  const frame = parseObject(data);
  switch (frame.type) {
    case "welcome": {
      const maxFrameBytes = frame.maxFrameBytes;
      if (typeof maxFrameBytes !== "number" || !(maxFrameBytes > 0)) {
        throw new FrameError("welcome.maxFrameBytes must be a positive number");
      }
      const features = readFeatures(frame.features);
      return { type: "welcome", features, maxFrameBytes, ...readFormat(frame) };
    }
    case "msg": {
      const subs = frame.subs;
      if (!Array.isArray(subs) || !subs.every((s): s is string => typeof s === "string")) {
        throw new FrameError("msg.subs must be an array of strings");
      }
      const address = requireString(frame, "address", ADDRESS_MAX);
      const body = readBody(frame);
      // One shape for every msg (no spreading): it is on every message a client receives.
      return {
        type: "msg",
        subs,
        address,
        body: body.body,
        encoding: body.encoding,
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
