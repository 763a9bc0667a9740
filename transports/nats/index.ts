/**
 * The NATS transport.
 * @module parley-a2a/transports/nats
 */
export type { NatsTransport } from "./nats-transport.js";
export { createNatsTransport } from "./nats-transport.js";
export type {
  NatsTransportOptions,
  ResolvedNatsTransportOptions,
} from "./nats-transport-options.js";
export {
  DEFAULT_NATS_CONNECT_TIMEOUT_MS,
  DEFAULT_NATS_DRAIN_TIMEOUT_MS,
  DEFAULT_NATS_MAX_PING_OUT,
  DEFAULT_NATS_MAX_RECONNECT_ATTEMPTS,
  DEFAULT_NATS_PING_INTERVAL_MS,
  DEFAULT_NATS_RECONNECT_TIME_WAIT_MS,
  DEFAULT_NATS_URL,
  resolveNatsTransportOptions,
} from "./nats-transport-options.js";
