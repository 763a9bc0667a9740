/**
 * A fast path for the envelope check: true only for a value that `schemas/envelope.schema.json`
 * accepts, in the shape every sender writes (the nine keys, short ids, a known type and
 * priority, an object payload). Anything else, valid or not, answers false and goes to the
 * schema's compiled validator, which stays the contract and words the errors. Why: the full check
 * (string lengths in code points among it) is a large part of the cost of receiving a message.
 */
import envelopeSchema from "../../schemas/envelope.schema.json" with { type: "json" };
import { isDateTime } from "./date-time-format.js";
import { type Envelope, MessageType } from "./envelope.js";

/**
 * The nine keys, as a switch: cheaper per key than a `Set` lookup. `additionalProperties` is
 * false, so the switch must name exactly the schema's keys; when it does not, every value goes to
 * the validator (see {@link SWITCH_IS_SCHEMA}).
 */
function isEnvelopeKey(key: string): boolean {
  switch (key) {
    case "id":
    case "sender_id":
    case "recipient_id":
    case "message_type":
    case "priority":
    case "timestamp":
    case "payload":
    case "correlation_id":
    case "expires_at":
      return true;
    default:
      return false;
  }
}

const SCHEMA_KEYS = Object.keys(envelopeSchema.properties);
const SWITCH_IS_SCHEMA = SCHEMA_KEYS.length === 9 && SCHEMA_KEYS.every(isEnvelopeKey);
const MESSAGE_TYPES = new Set<string>(Object.values(MessageType));

/**
 * 1 to 256 characters. `length` counts UTF-16 units, never fewer than the code points the
 * schema's `minLength`/`maxLength` count, so a string within these bounds is within the schema's.
 */
function isId(value: unknown): boolean {
  return typeof value === "string" && value.length >= 1 && value.length <= 256;
}

function isOptionalId(value: unknown): boolean {
  return value === undefined || value === null || isId(value);
}

function isInstant(value: unknown): boolean {
  return typeof value === "string" && isDateTime(value);
}

/** True when `data` certainly is a valid envelope; false means "ask the schema". */
export function hasEnvelopeShape(data: unknown): data is Envelope {
  if (typeof data !== "object" || data === null || Array.isArray(data) || !SWITCH_IS_SCHEMA)
    return false;
  const record = data as Record<string, unknown>;
  // The schema's additionalProperties: false, as ajv checks it (every enumerable key).
  for (const key in record) if (!isEnvelopeKey(key)) return false;
  const { payload, priority, expires_at: expiresAt } = record;
  return (
    isId(record.id) &&
    isId(record.sender_id) &&
    (record.recipient_id === null || isId(record.recipient_id)) &&
    MESSAGE_TYPES.has(record.message_type as string) &&
    (priority === 1 || priority === 2 || priority === 3 || priority === 4) &&
    isInstant(record.timestamp) &&
    typeof payload === "object" &&
    payload !== null &&
    !Array.isArray(payload) &&
    isOptionalId(record.correlation_id) &&
    (expiresAt === undefined || expiresAt === null || isInstant(expiresAt))
  );
}
