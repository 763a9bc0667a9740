/**
 * Logical addresses, exactly as the seed protocol's MQTT topics:
 * direct `a2a/{recipient}/{message_type}`, broadcast `a2a/broadcast/{message_type}`.
 * Parley adds one retained presence address per agent, `a2a/_presence/{agent}`, outside the
 * seed's subscriptions (`a2a/{self}/+`, `a2a/broadcast/+`).
 */
import type { MessageType } from "./envelope.js";

export const ROOT = "a2a";
export const BROADCAST = "broadcast";
export const PRESENCE = "_presence";

/** Where a message to `recipient` (or to everyone, when null) of `type` is published. */
export function addressFor(recipient: string | null, type: MessageType): string {
  const level = recipient ?? BROADCAST;
  let byType = addresses.get(level);
  if (byType === undefined) {
    if (addresses.size >= ADDRESS_CACHE_SIZE) addresses.clear();
    byType = new Map();
    addresses.set(level, byType);
  }
  let address = byType.get(type);
  if (address === undefined) {
    address = `${ROOT}/${level}/${type}`;
    byType.set(type, address);
  }
  return address;
}

/**
 * Addresses built before, by recipient and type: every message needs one, and the same string
 * again (its hash computed once) makes the transports' own lookups by address cheaper too.
 * Bounded: past this many recipients it starts over.
 */
const addresses = new Map<string, Map<string, string>>();
const ADDRESS_CACHE_SIZE = 1024;

/** Everything addressed to `agentId` (one level of message type). */
export function inboxPattern(agentId: string): string {
  return `${ROOT}/${agentId}/+`;
}

/** Every broadcast. */
export const BROADCAST_PATTERN = `${ROOT}/${BROADCAST}/+`;

/** The retained presence card of one agent. */
export function presenceAddress(agentId: string): string {
  return `${ROOT}/${PRESENCE}/${agentId}`;
}

/** Every agent's presence card. */
export const PRESENCE_PATTERN = `${ROOT}/${PRESENCE}/+`;

/** The agent id a presence address belongs to, or undefined. */
export function agentOfPresenceAddress(address: string): string | undefined {
  return address.startsWith(PRESENCE_PREFIX) ? address.slice(PRESENCE_PREFIX.length) : undefined;
}
const PRESENCE_PREFIX = `${ROOT}/${PRESENCE}/`;

/**
 * Agent ids become one address level, so they may not contain `/`, `+`, `#`, whitespace or
 * control characters, nor be a reserved level. Dots and other punctuation are allowed; transports
 * whose syntax forbids them (NATS) escape them.
 */
export function assertValidAgentId(id: string): void {
  if (id.length === 0 || id.length > 128) {
    throw new TypeError(`invalid agent id "${id}": must be 1..128 characters`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[/+#\s\u0000-\u001f\u007f]/.test(id)) {
    throw new TypeError(
      `invalid agent id "${id}": may not contain "/", "+", "#", whitespace or control characters`,
    );
  }
  if (id === BROADCAST || id === PRESENCE) {
    throw new TypeError(`invalid agent id "${id}": "${id}" is reserved`);
  }
}

/**
 * True when an envelope arrived where the seed would have published it: the last level is its
 * `message_type` and the middle level its recipient (or `broadcast` when it has none).
 */
export function envelopeAddressOk(
  address: string,
  envelope: { recipient_id: string | null; message_type: MessageType },
): boolean {
  // As `address === addressFor(...)`, without building that string for every message.
  const recipient = envelope.recipient_id ?? BROADCAST;
  const type = envelope.message_type;
  const at = ROOT_PREFIX.length + recipient.length;
  return (
    address.length === at + 1 + type.length &&
    address.startsWith(ROOT_PREFIX) &&
    address.startsWith(recipient, ROOT_PREFIX.length) &&
    address.charCodeAt(at) === SLASH &&
    address.endsWith(type)
  );
}
const ROOT_PREFIX = `${ROOT}/`;
const SLASH = 0x2f;
