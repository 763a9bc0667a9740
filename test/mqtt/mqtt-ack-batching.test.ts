/**
 * A QoS 1 requester acknowledges each response (PUBACK) and then sends its next request: the two
 * leave in one system call, on real mosquitto, for MQTT 5 and 3.1.1 (they took one each).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startMosquittoBroker();
}, 30_000);
afterAll(() => broker?.stop());

/** Counts the system calls the socket's writes take from now on. */
function countWrites(stream: unknown): { readonly calls: number } {
  const socket = stream as {
    _writev: (...args: unknown[]) => void;
    _write: (...args: unknown[]) => void;
  };
  const counter = { calls: 0 };
  for (const name of ["_writev", "_write"] as const) {
    const inner = socket[name].bind(socket);
    socket[name] = (...args: unknown[]) => {
      counter.calls++;
      inner(...args);
    };
  }
  return counter;
}

it.each([
  { name: "5", protocolVersion: 5 },
  { name: "3.1.1", protocolVersion: 4 },
] as const)(
  "MQTT $name, QoS 1: a response's PUBACK leaves with the next request",
  async ({ protocolVersion }) => {
    const make = (id: string) => {
      const transport = createMqttTransport({ url: broker.url, qos: 1, protocolVersion });
      return { transport, agent: createAgent({ id, transport, heartbeatIntervalMs: 0 }) };
    };
    const responder = make(`ack-responder-${protocolVersion}`);
    const requester = make(`ack-requester-${protocolVersion}`);
    responder.agent.handle("echo", (payload) => payload);
    try {
      await responder.agent.connect();
      await requester.agent.connect();
      await requester.agent.request(responder.agent.id, "echo", { n: -1 });
      const writes = countWrites(requester.transport.client?.stream);
      const n = 200;
      for (let i = 0; i < n; i++) {
        expect(await requester.agent.request(responder.agent.id, "echo", { n: i })).toEqual({
          n: i,
        });
      }
      // One call per round trip (the request, with the previous response's PUBACK), not two.
      expect(writes.calls).toBeLessThan(n * 1.2);
      expect(writes.calls).toBeGreaterThanOrEqual(n);
    } finally {
      await requester.agent.close();
      await responder.agent.close();
    }
  },
  30_000,
);
