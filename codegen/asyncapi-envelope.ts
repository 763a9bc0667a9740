/**
 * The wire envelope's schema, as the message of every AsyncAPI channel: the seed protocol's nine
 * keys (`schemas/envelope.schema.json` in parley-a2a, which a test keeps this equal to). Here, not
 * read from that file, because the generator is a pure function of the contract files it is given.
 */

/** The envelope: `payload` is narrowed per message by the AsyncAPI document. */
export const ENVELOPE_SCHEMA = {
  title: "Envelope",
  description:
    "The A2A wire envelope: exactly the seed protocol's nine keys. Anything more travels in transport metadata, never here, because a seed agent builds its message with cls(**data) and rejects unknown keys.",
  type: "object",
  additionalProperties: false,
  required: ["id", "sender_id", "recipient_id", "message_type", "priority", "timestamp", "payload"],
  properties: {
    id: {
      type: "string",
      minLength: 1,
      maxLength: 256,
      description: "Unique message id (a UUID when Parley sends).",
    },
    sender_id: {
      type: "string",
      minLength: 1,
      maxLength: 256,
      description: "The sending agent's id.",
    },
    recipient_id: {
      type: ["string", "null"],
      minLength: 1,
      maxLength: 256,
      description: "The recipient agent's id; null for a broadcast.",
    },
    message_type: {
      type: "string",
      enum: ["request", "response", "broadcast", "heartbeat", "error"],
      description: "What the message is; also the last level of its address.",
    },
    priority: {
      type: "integer",
      enum: [1, 2, 3, 4],
      description: "1 low, 2 normal, 3 high, 4 urgent.",
    },
    timestamp: {
      type: "string",
      format: "date-time",
      description:
        "When it was sent: ISO 8601 with a UTC offset (Parley writes +00:00, as Python's isoformat does).",
    },
    payload: {
      type: "object",
      description:
        "Requests carry request_type, broadcasts broadcast_type; responses the handler's result.",
    },
    correlation_id: {
      type: ["string", "null"],
      minLength: 1,
      maxLength: 256,
      description: "Pairs a response (or error) with its request.",
    },
    expires_at: {
      type: ["string", "null"],
      format: "date-time",
      description: "After this instant the message must not be acted on.",
    },
  },
} as const;
