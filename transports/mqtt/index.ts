/**
 * The MQTT transport (MQTT 5 and 3.1.1), and the embedded broker for a zero-setup mesh.
 * @module parley-a2a/transports/mqtt
 */
export type { EmbeddedBroker, EmbeddedBrokerOptions } from "./embedded-broker.js";
export {
  createEmbeddedBroker,
  DEFAULT_EMBEDDED_BROKER_HOST,
  DEFAULT_EMBEDDED_BROKER_PORT,
} from "./embedded-broker.js";
export type { MqttTransport } from "./mqtt-transport.js";
export { createMqttTransport } from "./mqtt-transport.js";
export type {
  MqttTransportOptions,
  ResolvedMqttTransportOptions,
  TlsMaterial,
} from "./mqtt-transport-options.js";
export {
  DEFAULT_MQTT_CONNECT_TIMEOUT_MS,
  DEFAULT_MQTT_KEEPALIVE_SECONDS,
  DEFAULT_MQTT_QOS,
  DEFAULT_MQTT_RECONNECT_PERIOD_MS,
  resolveMqttTransportOptions,
} from "./mqtt-transport-options.js";
export { MAX_SESSION_BACKLOG } from "./session-backlog.js";
