/**
 * The runs of the reliability harness: each broker killed under load (kill -9, then started
 * again on the same port), and the responder's process killed and started again.
 */
import type { BrokerKind } from "./killable-brokers.js";

/** What a run crashes halfway through its requests. */
export type Fault = "broker" | "responder";

export interface ReliabilityScenario {
  /** Shown in the table; also what `--only` matches. */
  readonly name: string;
  readonly broker: BrokerKind;
  /** MQTT protocol version of the agents (MQTT brokers only). */
  readonly mqttVersion?: 5 | 4;
  readonly fault: Fault;
  /** The responder's delay between reconnect attempts, so its callers are back first. @default 100 */
  readonly responderReconnectMs?: number;
}

/** The responder's reconnect delay in the runs where its callers are back before it. */
const LATE_RESPONDER_MS = 2_000;

export const scenarios: readonly ReliabilityScenario[] = [
  { name: "mosquitto MQTT 5", broker: "mosquitto", mqttVersion: 5, fault: "broker" },
  { name: "mosquitto MQTT 3.1.1", broker: "mosquitto", mqttVersion: 4, fault: "broker" },
  { name: "nats-server", broker: "nats", fault: "broker" },
  { name: "aedes (embedded, MQTT 3.1.1)", broker: "aedes", mqttVersion: 4, fault: "broker" },
  { name: "WebSocket hub", broker: "hub", fault: "broker" },
  {
    name: "WebSocket hub bridged to mosquitto",
    broker: "bridgedHub",
    mqttVersion: 5,
    fault: "broker",
  },
  {
    name: "mosquitto MQTT 5, responder back 2 s late",
    broker: "mosquitto",
    mqttVersion: 5,
    fault: "broker",
    responderReconnectMs: LATE_RESPONDER_MS,
  },
  {
    name: "nats-server, responder back 2 s late",
    broker: "nats",
    fault: "broker",
    responderReconnectMs: LATE_RESPONDER_MS,
  },
  {
    name: "WebSocket hub, responder back 2 s late",
    broker: "hub",
    fault: "broker",
    responderReconnectMs: LATE_RESPONDER_MS,
  },
  { name: "mosquitto MQTT 5", broker: "mosquitto", mqttVersion: 5, fault: "responder" },
  { name: "nats-server", broker: "nats", fault: "responder" },
  { name: "WebSocket hub", broker: "hub", fault: "responder" },
];
