/**
 * The reverse bridge: a real MCP server (the SDK's McpServer, tools declared with zod 4) whose
 * tools become Parley request types on a private mosquitto, reached by request() and delegate().
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Agent, createAgent, isParleyError } from "../../src/index.js";
import { createMcpToolAgent } from "../../src/mcp/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";

describe("createMcpToolAgent: an MCP server's tools as Parley request types", () => {
  let broker: RunningBroker;
  let mcpServer: McpServer;
  let client: Client;
  let tools: Agent;
  let caller: Agent;

  beforeAll(async () => {
    broker = await startMosquittoBroker();
    mcpServer = new McpServer({ name: "calculator", version: "1.0.0" });
    mcpServer.registerTool(
      "add",
      {
        description: "Adds two numbers.",
        inputSchema: { a: z.number(), b: z.number() },
        outputSchema: { sum: z.number() },
      },
      async ({ a, b }) => ({
        content: [{ type: "text", text: String(a + b) }],
        structuredContent: { sum: a + b },
      }),
    );
    mcpServer.registerTool("shout", { inputSchema: { text: z.string() } }, async ({ text }) => ({
      content: [{ type: "text", text: text.toUpperCase() }],
    }));
    mcpServer.registerTool("divide_by_zero", { inputSchema: {} }, async () => ({
      content: [{ type: "text", text: "cannot divide by zero" }],
      isError: true,
    }));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await mcpServer.connect(serverSide);
    client = new Client({ name: "parley", version: "1.0.0" });
    await client.connect(clientSide);

    tools = await createMcpToolAgent(client, {
      id: "calculator",
      transport: createMqttTransport({ url: broker.url }),
    });
    caller = createAgent({ id: "caller", transport: createMqttTransport({ url: broker.url }) });
    await tools.connect();
    const seen = new Promise<void>((resolve) => {
      caller.on("agent:online", (info) => {
        if (info.id === "calculator") resolve();
      });
    });
    await caller.connect();
    if (caller.directory.get("calculator")?.status !== "online") await seen;
  });
  afterAll(async () => {
    await caller?.close();
    await tools?.close();
    await client?.close();
    await mcpServer?.close();
    await broker?.stop();
  });

  it("announces each tool as a request type and a capability", () => {
    const card = caller.directory.get("calculator");
    expect(card?.requestTypes).toEqual(["add", "delegate_task", "divide_by_zero", "shout"]);
    expect(card?.capabilities).toEqual(["add", "shout", "divide_by_zero"]);
  });

  it("serves a tool's request with its structuredContent", async () => {
    expect(await caller.request("calculator", "add", { a: 2, b: 40 })).toEqual({ sum: 42 });
  });

  it("answers a tool without structured output with its content", async () => {
    expect(await caller.request("calculator", "shout", { text: "hi" })).toEqual({
      content: [{ type: "text", text: "HI" }],
    });
  });

  it("lets delegate() reach a tool by its name", async () => {
    expect(await caller.delegate("add", { a: 1, b: 2 })).toEqual({
      status: "completed",
      result: { sum: 3 },
      agent_id: "calculator",
    });
  });

  it("fails the request with tool_error when the tool reports an error", async () => {
    const error = await caller.request("calculator", "divide_by_zero", {}).catch((e: unknown) => e);
    expect(isParleyError(error)).toBe(true);
    expect(error).toMatchObject({
      code: "remote_error",
      message: "cannot divide by zero",
      details: { remote_code: "tool_error" },
    });
  });

  it("passes the MCP server's own input validation errors back as tool_error", async () => {
    const error = await caller
      .request("calculator", "add", { a: "two", b: 2 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "remote_error", details: { remote_code: "tool_error" } });
    expect((error as Error).message).toMatch(/Input validation error/);
  });
});
