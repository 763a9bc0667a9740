/**
 * The scenarios `npm run bench` interleaves: Parley, the raw client and Moleculer on each
 * transport, each a responder and a requester process (in-process ones only a requester).
 */
import type { StackName } from "./stacks/registry.js";
import type { StackParams } from "./stacks/stack.js";

/** The brokers a scenario can run on; each is started once per run, in its own process. */
export const BrokerName = {
  mosquitto: "mosquitto",
  /** mosquitto as it ships: `set_tcp_nodelay false`, Nagle's algorithm on. */
  mosquittoStock: "mosquittoStock",
  nats: "nats",
  aedes: "aedes",
  hub: "hub",
  relay: "relay",
} as const;
export type BrokerName = (typeof BrokerName)[keyof typeof BrokerName];

/** Who a scenario measures: ratios are taken of Parley (and Moleculer) against the others. */
export type Family = "parley" | "raw" | "moleculer" | "floor";

export interface Scenario {
  readonly id: string;
  /** The report's `scenario` column. */
  readonly label: string;
  readonly family: Family;
  /** The report's `transport` column; rows of one transport are compared with each other. */
  readonly transport: string;
  readonly stack: StackName;
  /** The broker it runs on; none: in-process, or the responder is the server (raw `ws`). */
  readonly broker?: BrokerName;
  readonly params: Omit<StackParams, "url" | "runId">;
  /** The requester serves itself: no responder process. */
  readonly inProcess?: true;
  /** The raw scenario this one's `ratioToRaw` divides by. */
  readonly rawPeer?: string;
  /** The Moleculer scenario on the same broker this one's `ratioToMoleculer` divides by. */
  readonly moleculerPeer?: string;
  /** The same Parley scenario without the one thing this one adds: `ratioToBaseline` divides by it. */
  readonly baselinePeer?: string;
  /** The floor of the seed's wire format on the same transport: `ratioToFloor` divides by it. */
  readonly floorPeer?: string;
}

function mqttScenarios(version: 5 | 4, qos: 0 | 1): Scenario[] {
  const name = version === 5 ? "MQTT 5" : "MQTT 3.1.1";
  const transport = `${name} QoS ${qos} (mosquitto)`;
  const id = `mqtt${version === 5 ? 5 : 3}-qos${qos}`;
  const params = { protocolVersion: version, qos } as const;
  return [
    {
      id: `parley-${id}`,
      label: "parley",
      family: "parley",
      transport,
      stack: "parley",
      broker: "mosquitto",
      params,
      rawPeer: `raw-${id}`,
      ...(qos === 0 ? { moleculerPeer: "moleculer-mqtt" } : {}),
    },
    {
      id: `raw-${id}`,
      label:
        version === 5
          ? "raw mqtt.js, response topic + correlation data"
          : "raw mqtt.js, correlation in JSON",
      family: "raw",
      transport,
      stack: "rawMqtt",
      broker: "mosquitto",
      params,
    },
  ];
}

export const scenarios: readonly Scenario[] = [
  {
    id: "parley-memory",
    label: "parley",
    family: "parley",
    transport: "memory (one process)",
    stack: "parleyInProcess",
    // No contracts, as over the network: the floor checks nothing either (validation's cost is
    // measured apart, bench/validation-cost.ts).
    params: {},
    inProcess: true,
    // In one process there is no client library to compare with: the floor is JSON alone.
    rawPeer: "json-floor-round-trip",
  },
  // The cost of the OpenTelemetry interceptor when no SDK is registered (it should be small: the
  // API's no-op spans and instruments), against the scenario before, in the same run.
  {
    id: "parley-memory-otel-noop",
    label: "parley, OpenTelemetry API without an SDK",
    family: "parley",
    transport: "memory (one process)",
    stack: "parleyInProcess",
    params: { openTelemetry: true },
    inProcess: true,
    baselinePeer: "parley-memory",
  },
  {
    id: "json-floor",
    label: "JSON stringify+parse only (floor)",
    family: "floor",
    transport: "memory (one process)",
    stack: "jsonFloor",
    params: {},
    inProcess: true,
  },
  {
    id: "json-floor-round-trip",
    label: "JSON of a Parley round trip only: both envelopes to bytes and back (floor)",
    family: "floor",
    transport: "memory (one process)",
    stack: "jsonRoundTripFloor",
    params: {},
    inProcess: true,
  },
  ...mqttScenarios(5, 0),
  ...mqttScenarios(5, 1),
  {
    id: "parley-mqtt5-qos1-otel-noop",
    label: "parley, OpenTelemetry API without an SDK",
    family: "parley",
    transport: "MQTT 5 QoS 1 (mosquitto)",
    stack: "parley",
    broker: "mosquitto",
    params: { protocolVersion: 5, qos: 1, openTelemetry: true },
    rawPeer: "raw-mqtt5-qos1",
    baselinePeer: "parley-mqtt5-qos1",
  },
  ...mqttScenarios(4, 0),
  ...mqttScenarios(4, 1),
  // Nagle: Parley sets no-delay on its sockets, mqtt.js does not; only the broker's stall is left.
  {
    id: "parley-mqtt5-qos1-stock",
    label: "parley (no-delay on its sockets)",
    family: "parley",
    transport: "MQTT 5 QoS 1 (stock mosquitto: Nagle on)",
    stack: "parley",
    broker: "mosquittoStock",
    params: { protocolVersion: 5, qos: 1 },
    rawPeer: "raw-mqtt5-qos1-stock",
  },
  {
    id: "raw-mqtt5-qos1-stock",
    label: "raw mqtt.js with its defaults (Nagle on)",
    family: "raw",
    transport: "MQTT 5 QoS 1 (stock mosquitto: Nagle on)",
    stack: "rawMqtt",
    broker: "mosquittoStock",
    params: { protocolVersion: 5, qos: 1, clientNoDelay: false },
  },
  {
    id: "moleculer-mqtt",
    label: "moleculer 0.15",
    family: "moleculer",
    // Moleculer's MQTT transporter connects with mqtt.js defaults: MQTT 3.1.1, QoS 0.
    transport: "MQTT 3.1.1 QoS 0 (mosquitto)",
    stack: "moleculer",
    broker: "mosquitto",
    params: {},
    rawPeer: "raw-mqtt3-qos0",
  },
  {
    id: "parley-aedes",
    label: "parley",
    family: "parley",
    transport: "MQTT 3.1.1 QoS 1 (embedded aedes)",
    stack: "parley",
    broker: "aedes",
    params: { protocolVersion: 4, qos: 1 },
    rawPeer: "raw-aedes",
  },
  {
    id: "raw-aedes",
    label: "raw mqtt.js, correlation in JSON",
    family: "raw",
    transport: "MQTT 3.1.1 QoS 1 (embedded aedes)",
    stack: "rawMqtt",
    broker: "aedes",
    params: { protocolVersion: 4, qos: 1 },
  },
  // Parley's QoS 1 on NATS confirms each tick's publishes with a flush (PING/PONG); raw nats.js and
  // Moleculer confirm nothing, as Parley at QoS 0.
  {
    id: "parley-nats",
    label: "parley, QoS 1: each tick's publishes confirmed (flush)",
    family: "parley",
    transport: "NATS",
    stack: "parley",
    broker: "nats",
    params: { qos: 1 },
    rawPeer: "raw-nats",
    moleculerPeer: "moleculer-nats",
    floorPeer: "nats-envelope-floor",
  },
  {
    id: "parley-nats-qos0",
    label: "parley, QoS 0: publishes not confirmed (as raw and Moleculer)",
    family: "parley",
    transport: "NATS",
    stack: "parley",
    broker: "nats",
    params: { qos: 0 },
    rawPeer: "raw-nats",
    moleculerPeer: "moleculer-nats",
    floorPeer: "nats-envelope-floor",
  },
  // What any agent speaking the seed's envelope over nats.js must do, and nothing else: the bound
  // on Parley's ratio to Moleculer while the wire stays the seed's (bench/stacks/nats-envelope-floor.ts).
  {
    id: "nats-envelope-floor",
    label: "raw nats.js carrying the seed's envelopes, nothing checked (floor)",
    family: "floor",
    transport: "NATS",
    stack: "natsEnvelopeFloor",
    broker: "nats",
    params: {},
    rawPeer: "raw-nats",
    moleculerPeer: "moleculer-nats",
  },
  {
    id: "raw-nats",
    label: "raw nats.js nc.request",
    family: "raw",
    transport: "NATS",
    stack: "rawNats",
    broker: "nats",
    params: {},
  },
  {
    id: "raw-nats-no-async-traces",
    label: "raw nats.js nc.request, noAsyncTraces",
    family: "raw",
    transport: "NATS",
    stack: "rawNats",
    broker: "nats",
    params: { noAsyncTraces: true },
  },
  {
    id: "moleculer-nats",
    label: "moleculer 0.15",
    family: "moleculer",
    transport: "NATS",
    stack: "moleculer",
    broker: "nats",
    params: {},
    rawPeer: "raw-nats",
  },
  {
    id: "parley-ws",
    label: "parley (through the hub), QoS 1: every publish acknowledged",
    family: "parley",
    transport: "WebSocket",
    stack: "parley",
    broker: "hub",
    params: { qos: 1 },
    rawPeer: "raw-ws-relayed",
  },
  {
    id: "parley-ws-qos0",
    label: "parley (through the hub), QoS 0: no acknowledgements",
    family: "parley",
    transport: "WebSocket",
    stack: "parley",
    broker: "hub",
    params: { qos: 0 },
    rawPeer: "raw-ws-relayed",
  },
  {
    id: "raw-ws-relayed",
    label: "raw ws via a minimal relay (two hops, as via the hub)",
    family: "raw",
    transport: "WebSocket",
    stack: "rawWsRelayed",
    broker: "relay",
    params: {},
  },
  {
    id: "raw-ws",
    label: "raw ws, multiplexed by id (no hub: direct to the responder)",
    family: "raw",
    transport: "WebSocket",
    stack: "rawWs",
    params: {},
  },
];
