/**
 * The WebSocket hub bridged to mosquitto as a conformance target: agents alternate between the
 * hub (WebSocket) and mosquitto (MQTT 5, directly), so every exchange in the suite also crosses
 * the bridge one way or the other. `restartBroker` restarts mosquitto: a bridge outage.
 *
 * Worker pools are declared unsupported here: a hub group and a shared subscription on the broker
 * are two separate groups, so a pool split across the bridge would not be exactly-once.
 */

import type { ConformanceTarget } from "../../../testing/index.js";
import { createMqttTransport, type MqttTransport } from "../../../transports/mqtt/index.js";
import type { Transport } from "../../../transports/transport.js";
import {
  createWebSocketHub,
  createWebSocketTransport,
} from "../../../transports/websocket/node.js";
import { startMosquittoBroker } from "../../harness/mqtt-brokers.js";
import { dropMqttConnection } from "./mqtt.js";
import { dropHubClient } from "./websocket.js";

/** The same transport, declaring no groups; `onConnect` sees the client id it connects with. */
function withoutGroups(
  inner: Transport,
  onConnect: (clientId: string) => void = () => {},
): Transport {
  return {
    name: inner.name,
    get features() {
      return { ...inner.features, groups: false };
    },
    connect: (options) => {
      onConnect(options.clientId);
      return inner.connect(options);
    },
    close: () => inner.close(),
    publish: (address, bytes, options) => inner.publish(address, bytes, options),
    subscribe: (pattern, deliver, options) => inner.subscribe(pattern, deliver, options),
    onStatus: (listener) => inner.onStatus(listener),
  };
}

export const websocketBridgedTarget: ConformanceTarget = {
  name: "websocket hub bridged to mosquitto",
  features: { retained: true, lastWill: true, groups: false, metadata: true, expiry: true },
  brokerRestart: true,
  async setup() {
    const broker = await startMosquittoBroker();
    const hub = await createWebSocketHub({
      bridge: createMqttTransport({ url: broker.url, reconnectPeriodMs: 100 }),
    });
    const hubClients = new Map<Transport, { clientId?: string }>();
    const mqttClients = new Map<Transport, MqttTransport>();
    const all: Transport[] = [];
    return {
      createTransport() {
        if (all.length % 2 === 0) {
          const inner = createWebSocketTransport({
            url: hub.url,
            reconnectDelayMs: 20,
            reconnectMaxDelayMs: 500,
          });
          const entry: { clientId?: string } = {};
          const wrapped = withoutGroups(inner, (clientId) => {
            entry.clientId = clientId;
          });
          hubClients.set(wrapped, entry);
          all.push(wrapped);
          return wrapped;
        }
        const mqtt = createMqttTransport({
          url: broker.url,
          reconnectPeriodMs: 100,
          protocolVersion: 5,
        });
        const wrapped = withoutGroups(mqtt);
        mqttClients.set(wrapped, mqtt);
        all.push(wrapped);
        return wrapped;
      },
      async dropConnection(transport) {
        const mqtt = mqttClients.get(transport);
        if (mqtt) return dropMqttConnection(mqtt);
        const clientId = hubClients.get(transport)?.clientId;
        if (clientId === undefined) throw new Error("transport was never connected");
        await dropHubClient(hub, clientId);
      },
      restartBroker: () => broker.restart(),
      async teardown() {
        await Promise.allSettled(all.map((t) => t.close()));
        await hub.close();
        await broker.stop();
      },
    };
  },
};
