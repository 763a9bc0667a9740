/**
 * For transport authors and tools: the `Transport` interface and its types, the refusal a broker
 * may answer with, the logical addresses agents use, and the envelope codec (what crosses the
 * wire); for tools that watch an agent, `RejectedMessage`, the argument of `message:rejected` and
 * `handler:error` (an application's listener gets it inferred). Applications need none of it
 * beyond passing a transport to `createAgent`.
 * @module parley-a2a/transport
 */

export type {
  ConnectOptions,
  Deliver,
  InboundMessage,
  LastWill,
  PublishOptions,
  QoS,
  SubscribeOptions,
  Subscription,
  Transport,
  TransportFeatures,
  TransportStatus,
} from "../transports/transport.js";
export { PUBLISHED, TransportState } from "../transports/transport.js";
export {
  isTransportRefused,
  TransportRefusedError,
} from "../transports/transport-refused-error.js";
export type { RejectedMessage } from "./agent/events.js";
export type { QoSByKind } from "./agent/options.js";
export { PresenceBroadcast } from "./presence/presence.js";
export { addressFor, BROADCAST_PATTERN, inboxPattern, presenceAddress } from "./wire/addresses.js";
export type { EnvelopeInit } from "./wire/envelope.js";
export { createEnvelope, encodeEnvelope, isoTimestamp, MessageType } from "./wire/envelope.js";
export type { DecodeFailure, DecodeResult } from "./wire/envelope-decoder.js";
export { decodeEnvelope } from "./wire/envelope-decoder.js";
