/**
 * The MQTT transport as conformance targets: a private mosquitto spoken to with MQTT 5 and with
 * MQTT 3.1.1 and (MQTT 5) over WebSockets, and the embedded aedes 1.2 broker (3.1.1 by fallback, no shared subscriptions).
 */

import type { ConformanceEnvironment, ConformanceTarget } from "../../../testing/index.js";
import {
  createMqttTransport,
  type MqttTransport,
} from "../../../transports/mqtt/mqtt-transport.js";
import type { Transport, TransportFeatures } from "../../../transports/transport.js";
import {
  type RunningBroker,
  startEmbeddedBroker,
  startMosquittoBroker,
  startMosquittoWebSocketsBroker,
} from "../../harness/mqtt-brokers.js";

/** Cuts an MQTT transport's socket without a DISCONNECT: the broker publishes its Last Will. */
export async function dropMqttConnection(mqtt: MqttTransport): Promise<void> {
  const client = mqtt.client;
  if (!client?.connected) throw new Error("transport is not connected");
  const lost = new Promise<void>((resolve) => {
    const off = mqtt.onStatus((status) => {
      if (status.state !== "disconnected") return;
      off();
      resolve();
    });
  });
  client.stream.destroy();
  await lost;
}

function mqttEnvironment(
  broker: RunningBroker,
  protocolVersion: 5 | 4 | undefined,
): ConformanceEnvironment {
  const transports = new Set<MqttTransport>();
  const find = (transport: Transport): MqttTransport => {
    const found = [...transports].find((candidate) => candidate === transport);
    if (!found) throw new Error("transport was not made by this environment");
    return found;
  };
  return {
    createTransport() {
      const transport = createMqttTransport({
        url: broker.url,
        reconnectPeriodMs: 100,
        ...(protocolVersion === undefined ? {} : { protocolVersion }),
      });
      transports.add(transport);
      return transport;
    },
    async dropConnection(transport) {
      await dropMqttConnection(find(transport));
    },
    restartBroker: () => broker.restart(),
    async teardown() {
      await Promise.all([...transports].map((transport) => transport.close()));
      await broker.stop();
    },
  };
}

function mqttTarget(
  name: string,
  features: TransportFeatures,
  start: () => Promise<RunningBroker>,
  protocolVersion: 5 | 4 | undefined,
): ConformanceTarget {
  return {
    name,
    features,
    brokerRestart: true,
    async setup() {
      return mqttEnvironment(await start(), protocolVersion);
    },
  };
}

export const mqtt5MosquittoTarget = mqttTarget(
  "mqtt5 on mosquitto",
  { retained: true, lastWill: true, groups: true, metadata: true, expiry: true },
  () => startMosquittoBroker(),
  5,
);

export const mqtt311MosquittoTarget = mqttTarget(
  "mqtt3.1.1 on mosquitto",
  { retained: true, lastWill: true, groups: true, metadata: false, expiry: false },
  () => startMosquittoBroker(),
  4,
);

export const mqtt5WebSocketsTarget = mqttTarget(
  "mqtt5 over websockets on mosquitto",
  { retained: true, lastWill: true, groups: true, metadata: true, expiry: true },
  startMosquittoWebSocketsBroker,
  5,
);

export const mqttEmbeddedTarget = mqttTarget(
  "mqtt on embedded broker",
  { retained: true, lastWill: true, groups: false, metadata: false, expiry: false },
  startEmbeddedBroker,
  undefined,
);

/** All MQTT targets, for `test/conformance/targets.ts`. */
export const mqttTargets: readonly ConformanceTarget[] = [
  mqtt5MosquittoTarget,
  mqtt311MosquittoTarget,
  mqtt5WebSocketsTarget,
  mqttEmbeddedTarget,
];
