/**
 * The A2A gateway, called by the real `@a2a-js/sdk` client (ClientFactory, JSON-RPC, SSE) over
 * HTTP, with Parley agents behind it on a private mosquitto.
 */
import { describe, expect, it } from "vitest";
import {
  CONTRACTS_EXTENSION_URI,
  GATEWAY_EXTENSION_URI,
  SKILL_METADATA_KEY,
} from "../../src/a2a/index.js";
import { createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import {
  dataPart,
  sendRequest,
  textPart,
  untilOffline,
  untilOnline,
  useA2aMesh,
  userMessage,
} from "./a2a-fixtures.js";

const COMPLETED = 3;
const FAILED = 4;

describe("A2A gateway over mosquitto", () => {
  const mesh = useA2aMesh();

  it("serves an Agent Card per online agent: one skill per request type, with the contract's description and JSON Schemas", async () => {
    const card = await (await mesh.client()).getAgentCard();
    expect(card.name).toBe("Worker");
    expect(card.supportedInterfaces[0]).toMatchObject({
      url: `${mesh.gateway.url}/agents/worker`,
      protocolBinding: "JSONRPC",
      protocolVersion: "1.0",
    });
    expect(card.skills.map((s) => s.id).sort()).toEqual([
      "count",
      "echo",
      "explode",
      "refuse",
      "slow",
      "trace",
    ]);
    const echo = card.skills.find((s) => s.id === "echo");
    expect(echo?.description).toBe("Repeats the text it is given.");
    expect(echo?.inputModes).toEqual(["application/json", "text/plain"]);
    expect(card.skills.find((s) => s.id === "count")?.description).toBe(
      'Parley request type "count".',
    );
    const contracts = card.capabilities?.extensions.find((e) => e.uri === CONTRACTS_EXTENSION_URI);
    expect(contracts?.params?.skills.echo).toEqual({
      request: { type: "object", required: ["text"], properties: { text: { type: "string" } } },
      response: { type: "object", properties: { echoed: { type: "string" } } },
    });
  });

  it("serves a gateway card that lists the online agents with their card URLs", async () => {
    const response = await fetch(`${mesh.gateway.url}/.well-known/agent-card.json`);
    const card = await response.json();
    expect(card.skills.map((s: { id: string }) => s.id)).toEqual(["worker"]);
    const listing = card.capabilities.extensions.find(
      (e: { uri: string }) => e.uri === GATEWAY_EXTENSION_URI,
    );
    expect(listing.params.agents).toEqual([
      expect.objectContaining({ id: "worker", cardUrl: mesh.gateway.cardUrl("worker") }),
    ]);
  });

  it("accepts a text part for a skill whose contract takes one string field", async () => {
    const client = await mesh.client();
    const task = await client.sendMessage(sendRequest(userMessage([textPart("plain")], "echo")));
    expect(task).toMatchObject({
      status: { state: COMPLETED },
      artifacts: [{ artifactId: "response", parts: [dataPart({ echoed: "plain" })] }],
    });
  });

  it("answers sendMessage to a streaming handler with its response only, as a plain request", async () => {
    const client = await mesh.client();
    const task = await client.sendMessage(sendRequest(userMessage([dataPart({ n: 3 })], "count")));
    expect(task).toMatchObject({ status: { state: COMPLETED } });
    expect("artifacts" in task && task.artifacts.map((a) => [a.artifactId, a.parts])).toEqual([
      ["response", [dataPart({ done: 3 })]],
    ]);
  });

  it("streams a plain handler's response as the one, last artifact", async () => {
    const client = await mesh.client();
    const artifacts: unknown[] = [];
    let last: number | undefined;
    const message = userMessage([dataPart({ text: "hi" })], "echo");
    for await (const event of client.sendMessageStream(sendRequest(message))) {
      const payload = event.payload;
      if (payload?.$case === "artifactUpdate") artifacts.push(payload.value);
      if (payload?.$case === "statusUpdate") last = payload.value.status?.state;
    }
    expect(artifacts).toEqual([
      expect.objectContaining({
        artifact: expect.objectContaining({
          artifactId: "response",
          parts: [dataPart({ echoed: "hi" })],
        }),
        lastChunk: true,
      }),
    ]);
    expect(last).toBe(COMPLETED);
  });

  it("answers GetTask for a task it does not hold with TaskNotFound", async () => {
    const client = await mesh.client();
    await expect(client.getTask({ tenant: "", id: "no-such-task" })).rejects.toMatchObject({
      envelopeCode: -32001,
    });
  });

  it("refuses an unknown skill with a JSON-RPC invalid-params error naming the skills", async () => {
    const client = await mesh.client();
    const sent = client.sendMessage(sendRequest(userMessage([dataPart({})], "triple")));
    await expect(sent).rejects.toMatchObject({
      envelopeCode: -32602,
      message: expect.stringMatching(/unknown skill "triple": this agent's skills are .*\becho\b/),
    });
  });

  it("refuses a message without a skill when the agent has several", async () => {
    const client = await mesh.client();
    const sent = client.sendMessage(sendRequest(userMessage([dataPart({ text: "x" })])));
    await expect(sent).rejects.toMatchObject({
      envelopeCode: -32602,
      message: expect.stringContaining(
        `name the skill in message metadata "${SKILL_METADATA_KEY}"`,
      ),
    });
  });

  it("refuses data that fails the contract, before any task exists", async () => {
    const client = await mesh.client();
    await expect(
      client.sendMessage(sendRequest(userMessage([dataPart({ text: 7 })], "echo"))),
    ).rejects.toMatchObject({
      envelopeCode: -32602,
      message: expect.stringContaining('request for skill "echo" is invalid: /text must be string'),
    });
    await expect(
      client.sendMessage(sendRequest(userMessage([dataPart([1, 2])], "echo"))),
    ).rejects.toMatchObject({ message: expect.stringContaining("must be a JSON object") });
    await expect(
      client.sendMessage(sendRequest(userMessage([textPart("3")], "count"))),
    ).rejects.toMatchObject({ message: expect.stringContaining("takes a data part") });
  });

  it("fails the task with the Parley error when the handler throws", async () => {
    const client = await mesh.client();
    const task = await client.sendMessage(sendRequest(userMessage([dataPart({})], "explode")));
    expect(task).toMatchObject({
      status: {
        state: FAILED,
        message: {
          parts: [
            {
              content: {
                value: { code: "handler_failed", message: expect.stringContaining("boom") },
              },
            },
            {},
          ],
        },
      },
    });
  });

  it("carries the traceparent header to the Parley request's transport metadata", async () => {
    const client = await mesh.client();
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const task = await client.sendMessage(sendRequest(userMessage([dataPart({})], "trace")), {
      serviceParameters: { traceparent, tracestate: "parley=1" },
    });
    expect(task).toMatchObject({ artifacts: [{ parts: [dataPart({ traceparent })] }] });
  });

  it("serves an agent that joins later, and stops serving it when it leaves", async () => {
    const late = createAgent({
      id: "late",
      transport: createMqttTransport({ url: mesh.broker.url }),
    });
    late.handle("ping", () => ({ pong: true }));
    const online = untilOnline(mesh.gateway.agent, "late");
    await late.connect();
    await online;
    const client = await mesh.client("late");
    const task = await client.sendMessage(sendRequest(userMessage([dataPart({})])));
    expect(task).toMatchObject({ artifacts: [{ parts: [dataPart({ pong: true })] }] });

    const offline = untilOffline(mesh.gateway.agent, "late");
    await late.close();
    await offline;
    const card = await fetch(mesh.gateway.cardUrl("late"));
    expect(card.status).toBe(404);
    await expect(client.sendMessage(sendRequest(userMessage([dataPart({})])))).rejects.toThrow(
      /agent "late" is not online/,
    );
    const listing = await (await fetch(`${mesh.gateway.url}/.well-known/agent-card.json`)).json();
    expect(listing.skills.map((s: { id: string }) => s.id)).toEqual(["worker"]);
  });
});

describe("A2A gateway: bad HTTP and JSON-RPC input", () => {
  const mesh = useA2aMesh();
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${mesh.gateway.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "a2a-version": "1.0", ...headers },
      body,
    });

  it("answers a body that is not JSON with a JSON-RPC parse error", async () => {
    const response = await post("/agents/worker", "{not json");
    expect(await response.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32700 } });
  });

  it("answers an unknown method with method not found", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "Explode", params: {} });
    expect(await (await post("/agents/worker", body)).json()).toMatchObject({
      id: 1,
      error: { code: -32601 },
    });
  });

  it("answers a call without the A2A-Version header with version not supported", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "GetTask", params: { id: "x" } });
    const response = await fetch(`${mesh.gateway.url}/agents/worker`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(await response.json()).toMatchObject({ id: 2, error: { code: -32009 } });
  });

  it("answers a call to an agent it does not know with 404 and a JSON-RPC error", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 3, method: "GetTask", params: { id: "x" } });
    const response = await post("/agents/nobody", body);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      jsonrpc: "2.0",
      error: { code: -32601, message: expect.stringContaining('no agent "nobody"') },
    });
  });
});
