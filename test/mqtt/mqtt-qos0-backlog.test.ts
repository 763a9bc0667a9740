/**
 * A QoS 0 publish settles once its packet is in the socket's buffer, even past the buffer's
 * high-water mark (where mqtt.js itself would wait for `drain`), while a backlog of over 1 MB
 * makes the next publish wait until the socket drains. The socket is held back with `cork()`,
 * which buffers every write as a broker that stopped reading would.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually } from "../../testing/conformance/mesh.js";
import { createMqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startMosquittoBroker();
}, 30_000);
afterAll(() => broker?.stop());

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

it("settles QoS 0 publishes held in the socket's buffer, and waits past 1 MB of them", async () => {
  const sender = createMqttTransport({ url: broker.url, qos: 0 });
  const listener = createMqttTransport({ url: broker.url, qos: 0 });
  let heard = 0;
  try {
    await sender.connect({ clientId: "backlog-sender" });
    await listener.connect({ clientId: "backlog-listener" });
    await listener.subscribe("backlog/#", () => {
      heard++;
    });
    const socket = sender.client?.stream as unknown as {
      cork(): void;
      uncork(): void;
      readonly writableLength: number;
    };
    const body = new Uint8Array(8 * 1024);
    socket.cork();
    // Publish until over 1 MB is buffered: far past the socket's 16 KB high-water mark.
    const sent: Promise<void>[] = [];
    while (socket.writableLength <= 1024 * 1024) {
      sent.push(sender.publish(`backlog/${sent.length}`, body));
    }
    const last = sent.pop() as Promise<void>;
    await Promise.all(sent);
    let settled = false;
    const late = last.then(() => {
      settled = true;
    });
    await turn();
    await turn();
    expect(settled).toBe(false);
    socket.uncork();
    await late;
    const n = sent.length + 1;
    await eventually(() => heard === n, "every message to arrive", 15_000);
  } finally {
    await sender.close();
    await listener.close();
  }
}, 30_000);
