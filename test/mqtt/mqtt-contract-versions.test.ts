/**
 * Version-aware calls over a private mosquitto: the caller learns the agent's contract versions
 * from its retained presence card, and the generated client's request to an agent on another
 * major version never reaches the broker; sent anyway, it does and is answered.
 */
import { afterAll, beforeAll, expect, it, onTestFinished } from "vitest";
import { contracts } from "../../src/generated/contracts.js";
import { createContractClient } from "../../src/generated/index.js";
import { type Agent, type AgentOptions, createAgent, ErrorCode } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { listenOnWire, payloadOf } from "./wire-listener.js";

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startMosquittoBroker();
}, 30_000);
afterAll(() => broker?.stop());

function agent(id: string, options: Partial<Omit<AgentOptions, "id" | "transport">> = {}): Agent {
  const transport = createMqttTransport({ url: broker.url, protocolVersion: 5 });
  const made = createAgent({ id, transport, ...options });
  onTestFinished(() => made.close());
  return made;
}

it("refuses a v2 agent before publishing, learnt from its retained card; sends when told to", {
  timeout: 20_000,
}, async () => {
  const search = contracts.requests.knowledge_search;
  if (search === undefined) throw new Error("no knowledge_search contract");
  const v2 = {
    ...contracts,
    requests: { ...contracts.requests, knowledge_search: { ...search, version: "2.0.0" } },
  };
  const server = agent("mq-v2-search", { contracts: v2 });
  server.handle("knowledge_search", () => ({
    status: "completed",
    result: "r",
    agent_id: "mq-v2-search",
  }));
  await server.connect();

  const wire = await listenOnWire(broker.url, ["a2a/mq-v2-search/request"]);
  onTestFinished(() => wire.close());
  const caller = agent("mq-v1-caller", { discoverOnConnect: false });
  const online = new Promise<void>((resolve) => {
    const off = caller.on("agent:online", (info) => {
      if (info.id !== "mq-v2-search") return;
      off();
      resolve();
    });
  });
  await caller.connect();
  await online;
  expect(caller.directory.get("mq-v2-search")?.contractVersions).toEqual({
    knowledge_search: "2.0.0",
  });

  const client = createContractClient(caller);
  await expect(client.knowledgeSearch("mq-v2-search", { query: "refused" })).rejects.toMatchObject({
    code: ErrorCode.incompatible_contract,
  });
  const answer = await client.knowledgeSearch(
    "mq-v2-search",
    { query: "sent" },
    { ignoreContractVersion: true },
  );
  expect(answer.agent_id).toBe("mq-v2-search");
  const sent = await wire.next((p) => payloadOf(p).query === "sent");
  expect(sent.envelope?.sender_id).toBe("mq-v1-caller");
  expect(wire.packets.map((p) => payloadOf(p).query)).toEqual(["sent"]);
});
