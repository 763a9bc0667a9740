/**
 * For transport authors and tools: the `Transport` interface and its types, the refusal a broker
 * may answer with, the logical addresses agents use, and the envelope codec (what crosses the
 * wire). Applications need none of it beyond passing a transport to `createAgent`.
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
export { addressFor, BROADCAST_PATTERN, inboxPattern, presenceAddress } from "./addresses.js";
export type { QoSByKind } from "./agent-options.js";
export type { EnvelopeInit } from "./envelope.js";
export { createEnvelope, encodeEnvelope, isoTimestamp, MessageType } from "./envelope.js";
export type { DecodeFailure, DecodeResult } from "./envelope-decoder.js";
export { decodeEnvelope } from "./envelope-decoder.js";
export { PresenceBroadcast } from "./presence.js";
