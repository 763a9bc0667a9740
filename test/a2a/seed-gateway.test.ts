/**
 * The seed's own Python agent (test/interop/seed_agent.py: `seed_echo`, `seed_explode`) served
 * over A2A: the real `@a2a-js/sdk` client calls it through the gateway over a private mosquitto.
 * `seed_echo` answers with the payload its handler got, so these tests see exactly what reached
 * the seed: the request's data and `request_type`, and no Parley stream marker.
 */
import type { StreamResponse } from "@a2a-js/sdk";
import { type Client, ClientFactory } from "@a2a-js/sdk/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type A2AGateway, startA2AGateway } from "../../src/a2a/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { type SeedAgentProcess, startSeedAgent } from "../harness/seed-agent-process.js";
import { dataPart, sendRequest, untilOnline, userMessage } from "./a2a-fixtures.js";

const COMPLETED = 3;
const FAILED = 4;

/** What seed_echo answers to `{ q: "hi" }`: the seed handler's whole payload, echoed. */
const echoed = { echo: { request_type: "seed_echo", q: "hi" }, agent: "seed-agent" };

describe("A2A gateway in front of the seed's Python agent", () => {
  let broker: RunningBroker;
  let gateway: A2AGateway;
  let seed: SeedAgentProcess;
  let client: Client;

  beforeAll(async () => {
    broker = await startMosquittoBroker();
    gateway = await startA2AGateway({ transport: createMqttTransport({ url: broker.url }) });
    // The seed announces itself once, when it starts: the gateway must be listening by then.
    const online = untilOnline(gateway.agent, "seed-agent");
    seed = await startSeedAgent("127.0.0.1", Number(new URL(broker.url).port), "seed-agent");
    await online;
    client = await new ClientFactory().createFromUrl(gateway.cardUrl("seed-agent"), "");
  }, 60_000);

  afterAll(async () => {
    seed?.kill();
    await gateway?.close();
    await broker?.stop();
  });

  it("shows the seed agent's card, with no skills as the seed does not list its request types", async () => {
    const card = await client.getAgentCard();
    expect(card.name).toBe("AlexAI");
    expect(card.skills).toEqual([]);
  });

  it("sendMessage completes with the seed's response as a data artifact; the seed got the plain payload", async () => {
    const task = await client.sendMessage(
      sendRequest(userMessage([dataPart({ q: "hi" })], "seed_echo")),
    );
    expect(task).toMatchObject({ status: { state: COMPLETED } });
    // toEqual, not toMatchObject: a key more (a stream marker) in what the seed got must fail.
    expect("artifacts" in task && task.artifacts.map((a) => [a.artifactId, a.parts])).toEqual([
      ["response", [dataPart(echoed)]],
    ]);
  });

  it("sendMessageStream completes with the seed's response as the last artifact, sent as a plain request", async () => {
    const events: StreamResponse[] = [];
    for await (const event of client.sendMessageStream(
      sendRequest(userMessage([dataPart({ q: "hi" })], "seed_echo")),
    )) {
      events.push(event);
    }
    const artifacts = events.flatMap((e) =>
      e.payload?.$case === "artifactUpdate" ? [e.payload.value] : [],
    );
    expect(artifacts).toEqual([
      expect.objectContaining({
        artifact: expect.objectContaining({ artifactId: "response", parts: [dataPart(echoed)] }),
        lastChunk: true,
      }),
    ]);
    const last = events.at(-1)?.payload;
    expect(last?.$case === "statusUpdate" && last.value.status?.state).toBe(COMPLETED);
  });

  it("fails the task with the seed's error when its handler raises", async () => {
    const task = await client.sendMessage(sendRequest(userMessage([dataPart({})], "seed_explode")));
    expect(task).toMatchObject({ status: { state: FAILED } });
    expect(JSON.stringify(task)).toContain("Unsupported task type: teleport");
  });

  it("refuses a skill name that is not a request type with invalid params", async () => {
    await expect(
      client.sendMessage(sendRequest(userMessage([dataPart({})], "Not A Type"))),
    ).rejects.toMatchObject({ envelopeCode: -32602 });
  });
});
