/** What both entry points of the NATS transport (Node's `index.ts`, `browser.ts`) export alike. */
export type { NatsTransportOptions } from "./nats-transport-options.js";
export {
  DEFAULT_NATS_CONNECT_TIMEOUT_MS,
  DEFAULT_NATS_DRAIN_TIMEOUT_MS,
  DEFAULT_NATS_MAX_PING_OUT,
  DEFAULT_NATS_MAX_RECONNECT_ATTEMPTS,
  DEFAULT_NATS_PING_INTERVAL_MS,
  DEFAULT_NATS_RECONNECT_TIME_WAIT_MS,
  DEFAULT_NATS_URL,
} from "./nats-transport-options.js";
