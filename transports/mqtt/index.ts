/**
 * Node entry point of the MQTT transport: everything in `browser.ts`, and the embedded broker.
 */
export * from "./browser.js";
export type { EmbeddedBroker, EmbeddedBrokerOptions } from "./embedded-broker.js";
export {
  createEmbeddedBroker,
  DEFAULT_EMBEDDED_BROKER_HOST,
  DEFAULT_EMBEDDED_BROKER_PORT,
} from "./embedded-broker.js";
