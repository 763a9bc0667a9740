/**
 * Small checked readers for fields of untrusted JSON frames. Each throws a {@link FrameError}
 * naming the field, so a bad frame is answered with a one-line reason.
 */
import type { TransportFeatures } from "../transport.js";
import { BASE64, bodyText, type FrameBody, isBase64 } from "./body-encoding.js";

/** A frame that is not valid JSON or breaks the protocol. `id` is the failing frame's, if readable. */
export class FrameError extends Error {
  override readonly name = "FrameError";
  readonly id: string | undefined;
  constructor(message: string, id?: string) {
    super(message);
    this.id = id;
  }
}

/** Most metadata entries one message may carry. */
export const MAX_METADATA_ENTRIES = 64;

/** `value` as a plain JSON object, or a FrameError. */
export function expectObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FrameError(`${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** A string field that must be present, at most `max` characters long. */
export function requireString(
  obj: Record<string, unknown>,
  key: string,
  max = Number.POSITIVE_INFINITY,
): string {
  const value = obj[key];
  if (typeof value !== "string") throw new FrameError(`${key} must be a string`);
  if (value.length > max) throw new FrameError(`${key} is longer than ${max} characters`);
  return value;
}

/** A string field that may be absent. */
export function optionalString(
  obj: Record<string, unknown>,
  key: string,
  max = Number.POSITIVE_INFINITY,
): string | undefined {
  return obj[key] === undefined ? undefined : requireString(obj, key, max);
}

/** A boolean field that may be absent. */
export function readBoolean(obj: Record<string, unknown>, key: string): boolean | undefined {
  const value = obj[key];
  if (value !== undefined && typeof value !== "boolean")
    throw new FrameError(`${key} must be a boolean`);
  return value;
}

/** An object of string values that may be absent (message metadata). */
export function readRecordOfStrings(
  obj: Record<string, unknown>,
  key: string,
): Record<string, string> | undefined {
  if (obj[key] === undefined) return undefined;
  const record = expectObject(obj[key], key);
  // The frame's own object from JSON, so checked in place rather than copied.
  let entries = 0;
  let notString: string | undefined;
  for (const k in record) {
    entries++;
    if (notString === undefined && typeof record[k] !== "string") notString = k;
  }
  if (entries > MAX_METADATA_ENTRIES)
    throw new FrameError(`${key} has more than ${MAX_METADATA_ENTRIES} entries`);
  if (notString !== undefined) throw new FrameError(`${key}.${notString} must be a string`);
  return record as Record<string, string>;
}

/** The `features` object of a welcome frame; a missing feature is false. */
export function readFeatures(value: unknown): TransportFeatures {
  const obj = expectObject(value, "features");
  return {
    retained: readBoolean(obj, "retained") ?? false,
    lastWill: readBoolean(obj, "lastWill") ?? false,
    groups: readBoolean(obj, "groups") ?? false,
    metadata: readBoolean(obj, "metadata") ?? false,
    expiry: readBoolean(obj, "expiry") ?? false,
  };
}

/**
 * `body` and its optional `encoding` ("base64", then `body` must be base64). A body that followed
 * the header line as bytes (Node) stays bytes; base64 is read as text.
 */
export function readBody(obj: Record<string, unknown>): FrameBody {
  const raw = obj.body;
  const encoding = obj.encoding;
  if (raw instanceof Uint8Array) {
    if (encoding === undefined) return { body: raw };
    let text: string;
    try {
      text = bodyText({ body: raw });
    } catch {
      throw new FrameError("body is not valid base64 (not even UTF-8)");
    }
    return readBody({ ...obj, body: text });
  }
  const body = requireString(obj, "body");
  if (encoding === undefined) return { body };
  if (encoding !== BASE64) throw new FrameError(`encoding must be "base64" when present`);
  if (!isBase64(body)) throw new FrameError("body is not valid base64");
  return { body, encoding };
}
