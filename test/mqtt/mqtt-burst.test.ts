/**
 * A burst of publishes larger than the socket's buffer: mqtt.js waits for `drain` with one
 * listener per packet buffered, which made Node warn of an EventEmitter leak that is not one.
 * Every message still arrives, and no warning is printed.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import { eventually } from "../../testing/conformance/mesh.js";
import { createMqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startMosquittoBroker();
}, 30_000);
afterAll(() => broker?.stop());

it("sends a burst of 3,000 broadcasts without a listener-leak warning", async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  const make = (id: string) =>
    createAgent({
      id,
      transport: createMqttTransport({ url: broker.url }),
      heartbeatIntervalMs: 0,
    });
  const sender = make("burst-sender");
  const listener = make("burst-listener");
  let heard = 0;
  listener.on("tick", () => {
    heard++;
  });
  try {
    await listener.connect();
    await sender.connect();
    const body = { pad: "x".repeat(200) };
    await Promise.all(
      Array.from({ length: 3000 }, (_, n) => sender.broadcast("tick", { n, ...body })),
    );
    await eventually(() => heard === 3000, "every broadcast to arrive", 15_000);
    // Node emits the warning on the next tick after the listener is added.
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  } finally {
    process.off("warning", onWarning);
    await sender.close();
    await listener.close();
  }
}, 30_000);
