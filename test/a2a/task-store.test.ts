/**
 * The gateway keeps a bounded number of tasks for GetTask: older ones are forgotten (TaskNotFound)
 * and each agent's endpoint sees only its own tasks. Real SDK client, real mosquitto.
 */
import { ClientFactory } from "@a2a-js/sdk/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type A2AGateway, startA2AGateway } from "../../src/a2a/index.js";
import { type Agent, createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { dataPart, sendRequest, untilOnline, userMessage } from "./a2a-fixtures.js";

describe("the gateway's task store", () => {
  let broker: RunningBroker;
  let gateway: A2AGateway;
  const agents: Agent[] = [];

  beforeAll(async () => {
    broker = await startMosquittoBroker();
    for (const id of ["first", "second"]) {
      const agent = createAgent({ id, transport: createMqttTransport({ url: broker.url }) });
      agent.handle<{ n: number }>("same", ({ n }) => ({ n }));
      await agent.connect();
      agents.push(agent);
    }
    gateway = await startA2AGateway({
      transport: createMqttTransport({ url: broker.url }),
      maxTasks: 1,
    });
    await untilOnline(gateway.agent, "first");
    await untilOnline(gateway.agent, "second");
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    for (const agent of agents) await agent.close();
    await broker?.stop();
  });

  const send = async (agentId: string, n: number) => {
    const client = await new ClientFactory().createFromUrl(gateway.cardUrl(agentId), "");
    const task = await client.sendMessage(sendRequest(userMessage([dataPart({ n })])));
    return { client, id: (task as { id: string }).id };
  };

  it("forgets the oldest tasks beyond maxTasks (at most twice as many are kept)", async () => {
    const oldest = await send("first", 1);
    await send("first", 2);
    const newest = await send("first", 3);
    await expect(oldest.client.getTask({ tenant: "", id: oldest.id })).rejects.toMatchObject({
      envelopeCode: -32001,
    });
    await expect(newest.client.getTask({ tenant: "", id: newest.id })).resolves.toMatchObject({
      artifacts: [{ parts: [dataPart({ n: 3 })] }],
    });
  });

  it("does not show one agent's task at another agent's endpoint", async () => {
    const mine = await send("first", 4);
    const other = await new ClientFactory().createFromUrl(gateway.cardUrl("second"), "");
    await expect(other.getTask({ tenant: "", id: mine.id })).rejects.toMatchObject({
      envelopeCode: -32001,
    });
    await expect(mine.client.getTask({ tenant: "", id: mine.id })).resolves.toMatchObject({
      id: mine.id,
    });
  });
});
