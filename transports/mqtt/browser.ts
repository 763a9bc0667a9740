/**
 * Browser entry point of the MQTT transport (bundlers pick it through the package's `browser`
 * export condition): the transport without the embedded broker, which needs Node's `net`. A
 * browser reaches a broker over WebSockets only: `ws://` or `wss://` URLs.
 */

export type { MqttTransport } from "./mqtt-transport.js";
export { createMqttTransport } from "./mqtt-transport.js";
export type { MqttTransportOptions, TlsMaterial } from "./mqtt-transport-options.js";
export {
  DEFAULT_MQTT_CONNECT_TIMEOUT_MS,
  DEFAULT_MQTT_KEEPALIVE_SECONDS,
  DEFAULT_MQTT_QOS,
  DEFAULT_MQTT_RECONNECT_PERIOD_MS,
} from "./mqtt-transport-options.js";
