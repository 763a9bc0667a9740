/**
 * `parley a2a-gateway` as a user runs it: the real binary joins a private mosquitto, serves the
 * worker to the real `@a2a-js/sdk` client, and puts an A2A server built with the SDK on the mesh
 * (`--remote`), which `parley call` then calls. Needs `npm run build` (npm test builds first).
 */
import { ClientFactory } from "@a2a-js/sdk/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { runParley, startParley, stderrLines } from "../cli/parley-process.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { dataPart, sendRequest, userMessage } from "./a2a-fixtures.js";
import { type SdkA2aServer, startSdkA2aServer } from "./sdk-a2a-server.js";

describe("parley a2a-gateway", () => {
  let broker: RunningBroker;
  let server: SdkA2aServer;
  let worker: Agent;

  /** Starts the gateway (parley-process kills it after each test); resolves with its URL. */
  async function startGateway(): Promise<string> {
    const gateway = startParley([
      "a2a-gateway",
      "--url",
      broker.url,
      "--port",
      "0",
      "--remote",
      server.cardUrl,
    ]);
    await gateway.waitForLine("stdout", /^remote A2A agent "remote-helper" on the mesh/);
    const line = await gateway.waitForLine("stdout", /^parley a2a-gateway listening on /);
    return /listening on (\S+)/.exec(line)?.[1] ?? "";
  }

  beforeAll(async () => {
    broker = await startMosquittoBroker();
    server = await startSdkA2aServer();
    worker = createAgent({ id: "worker", transport: createMqttTransport({ url: broker.url }) });
    worker.handle<{ query: string }>("knowledge_search", ({ query }) => ({
      status: "completed",
      result: { hits: [query] },
      agent_id: "worker",
    }));
    await worker.connect();
  }, 30_000);

  afterAll(async () => {
    await worker?.close();
    await server?.stop();
    await broker?.stop();
  });

  it("serves a mesh agent to the A2A client, with the seed contract's description on its card", async () => {
    const gatewayUrl = await startGateway();
    const client = await new ClientFactory().createFromUrl(
      `${gatewayUrl}/agents/worker/.well-known/agent-card.json`,
      "",
    );
    const card = await client.getAgentCard();
    const skill = card.skills.find((s) => s.id === "knowledge_search");
    expect(skill?.description).toMatch(/^Searches the agent's knowledge base/);
    const task = await client.sendMessage(
      sendRequest(userMessage([dataPart({ query: "otters" })])),
    );
    expect(task).toMatchObject({
      artifacts: [
        {
          parts: [
            dataPart({ status: "completed", result: { hits: ["otters"] }, agent_id: "worker" }),
          ],
        },
      ],
    });
  }, 60_000);

  it("puts the --remote A2A agent on the mesh, where parley call reaches it", async () => {
    await startGateway();
    const result = await runParley([
      "call",
      "--url",
      broker.url,
      "--to",
      "remote-helper",
      "--type",
      "greet",
      "--data",
      '{"name":"cli"}',
      "--json",
    ]);
    expect(stderrLines(result)).toEqual(["note: no contract for greet: sent as given"]);
    expect(result.stdout).toBe('{"greeting":"hello cli"}\n');
  }, 60_000);
});
