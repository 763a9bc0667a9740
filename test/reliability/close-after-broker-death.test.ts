/**
 * close() must end even when the connection died a moment before and nothing has noticed yet
 * (a dead network path: no FIN, no RST). The goodbye (departure broadcast, cleared card,
 * unsubscribes) gets a bounded time, then the connection is closed regardless.
 */
import { afterEach, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { type BlackholeProxy, startBlackholeProxy } from "../harness/blackhole-proxy.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";

let broker: BrokerProcess | undefined;
let proxy: BlackholeProxy | undefined;
afterEach(async () => {
  await proxy?.stop();
  await broker?.stop();
});

it.each([0, 1] as const)(
  "closes an MQTT agent (QoS %i) whose network path just went dead",
  async (qos) => {
    broker = await startMosquitto();
    proxy = await startBlackholeProxy(broker.port);
    const agent = createAgent({
      id: `closer-${qos}`,
      transport: createMqttTransport({ url: `mqtt://127.0.0.1:${proxy.port}`, qos }),
      qos: { presence: qos, broadcast: qos },
    });
    await agent.connect();
    proxy.blackhole();
    let closed = false;
    await Promise.race([
      agent.close().then(() => {
        closed = true;
      }),
      // Well under the MQTT keepalive (30 s), after which the client would notice by itself.
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    expect(closed).toBe(true);
  },
  20_000,
);
