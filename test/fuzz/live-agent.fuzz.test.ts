/**
 * Property-based, against a live agent: random bytes, random JSON and mutated envelopes thrown at
 * its inbox, the broadcast addresses and presence cards, while a well-behaved client keeps asking
 * it for work, over the memory transport and over MQTT (mosquitto). No uncaught exception, no
 * hang, and every valid request is answered, during and after.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type Agent, createAgent } from "../../src/index.js";
import { createEnvelope, MessageType, type Transport } from "../../src/transport.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { envelopeMutations } from "./envelope-arbitraries.js";
import { recordFuzzFigures } from "./fuzz-report.js";

const ADDRESSES = [
  "a2a/fz-victim/request",
  "a2a/fz-victim/response",
  "a2a/fz-victim/error",
  "a2a/fz-victim/broadcast",
  "a2a/broadcast/broadcast",
  "a2a/broadcast/heartbeat",
  "a2a/_presence/fz-ghost",
];

function validRequest(): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(
      createEnvelope({
        sender_id: "fz-attacker",
        recipient_id: "fz-victim",
        message_type: MessageType.request,
        payload: { request_type: "double", x: 1 },
        correlation_id: crypto.randomUUID(),
      }),
    ),
  );
}

const hostile: fc.Arbitrary<{ address: string; bytes: Uint8Array }> = fc.record({
  address: fc.constantFrom(...ADDRESSES),
  bytes: fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    fc.json().map((j) => new TextEncoder().encode(j)),
    envelopeMutations.map((mutate) =>
      new TextEncoder().encode(JSON.stringify(mutate(validRequest()))),
    ),
  ),
});

const brokers: BrokerProcess[] = [];
afterAll(async () => {
  await Promise.all(brokers.map((b) => b.stop()));
});

const environments: [string, number, () => Promise<() => Transport>][] = [
  [
    "memory",
    3000,
    async () => {
      const network = createMemoryNetwork();
      return () => createMemoryTransport({ network });
    },
  ],
  [
    "MQTT on mosquitto",
    1000,
    async () => {
      const broker = await startMosquitto();
      brokers.push(broker);
      return () => createMqttTransport({ url: `mqtt://127.0.0.1:${broker.port}` });
    },
  ],
];

describe.each(environments)("a live agent under hostile input on %s", (name, cases, setup) => {
  it(`survives ${cases} hostile messages while serving valid requests`, async () => {
    const transport = await setup();
    const victim: Agent = createAgent({
      id: "fz-victim",
      transport: transport(),
      heartbeatIntervalMs: 50,
      maxMessageBytes: 2048,
    });
    victim.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
    let rejected = 0;
    victim.on("message:rejected", () => rejected++);
    const client = createAgent({ id: "fz-client", transport: transport(), heartbeatIntervalMs: 0 });
    const attacker = transport();
    await victim.connect();
    await client.connect();
    await attacker.connect({ clientId: "fz-attacker" });

    let answered = 0;
    let sent = 0;
    let attacking = true;
    const valid = (async () => {
      while (attacking) {
        sent++;
        const n = sent;
        const result = await client.request<{ y: number }>(
          "fz-victim",
          "double",
          { x: n },
          { timeout: 10_000 },
        );
        if (result.y === n * 2) answered++;
      }
    })();
    for (const { address, bytes } of fc.sample(hostile, cases)) {
      await attacker.publish(address, bytes, { qos: 0 });
    }
    attacking = false;
    await valid;
    // After the storm the agent still answers.
    await expect(
      client.request("fz-victim", "double", { x: 21 }, { timeout: 10_000 }),
    ).resolves.toEqual({ y: 42 });
    recordFuzzFigures({
      suite: `live agent, ${name}`,
      cases,
      rejected,
      lostValidRequests: sent - answered,
    });
    expect(answered).toBe(sent);
    expect(rejected).toBeGreaterThan(0);
    await Promise.all([victim.close(), client.close(), attacker.close()]);
  }, 120_000);
});
