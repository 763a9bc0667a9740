/**
/**
 * Node entry point of the MQTT transport (MQTT 5 and 3.1.1): everything in `browser.ts`, and the
 * embedded broker for a zero-setup mesh.
 * @module parley-a2a/transports/mqtt
 */
export * from "./browser.js";
export type { EmbeddedBroker, EmbeddedBrokerOptions } from "./embedded-broker.js";
export {
  createEmbeddedBroker,
  DEFAULT_EMBEDDED_BROKER_HOST,
  DEFAULT_EMBEDDED_BROKER_PORT,
} from "./embedded-broker.js";
export { MAX_SESSION_BACKLOG } from "./session-backlog.js";
