/** The seed's A2AMessage fields, in its order: what every envelope on the wire must have, exactly. */
export const SEED_ENVELOPE_KEYS = [
  "id",
  "sender_id",
  "recipient_id",
  "message_type",
  "priority",
  "timestamp",
  "payload",
  "correlation_id",
  "expires_at",
] as const;
