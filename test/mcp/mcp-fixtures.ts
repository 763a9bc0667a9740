/**
 * What the MCP tests run against: a private mosquitto with agents on it, and an MCP `Client` (the
 * real SDK's) connected to a real `parley mcp` process over stdio or Streamable HTTP.
 *
 * On the mesh: `searcher` serves the seed's `knowledge_search` (a contract with schemas), `count`
 * (no contract; streams `{ i }` parts, then `{ done }`) and `explode` (fails with the application
 * code `out_of_fuel`); `translator` serves `translate` (no contract) and is the agent that leaves.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  type JSONRPCMessage,
  type Tool,
  ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { contracts } from "../../src/generated/contracts.js";
import { type Agent, applicationError, createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { repoPath } from "../harness/seed-python.js";

/** The broker and the agents on it. */
export interface McpMesh {
  readonly broker: RunningBroker;
  readonly searcher: Agent;
  readonly translator: Agent;
  /** Requests the searcher's handlers received. */
  readonly searches: unknown[];
  stop(): Promise<void>;
}

export async function startMesh(): Promise<McpMesh> {
  const broker = await startMosquittoBroker();
  const transport = () => createMqttTransport({ url: broker.url });
  const searches: unknown[] = [];
  const searcher = createAgent({ id: "searcher", transport: transport(), contracts });
  searcher.handle<{ query: string }>("knowledge_search", (request) => {
    searches.push(request);
    return {
      status: "completed",
      result: { hits: [`about ${request.query}`] },
      agent_id: "searcher",
    };
  });
  searcher.handle<{ n: number }>("count", async function* ({ n }) {
    for (let i = 1; i <= n; i++) yield { i };
    return { done: true };
  });
  searcher.handle("explode", () => {
    throw applicationError("out_of_fuel", "the tank is empty");
  });
  const translator = createAgent({ id: "translator", transport: transport() });
  translator.handle<{ text: string }>("translate", ({ text }) => ({ text: `${text} (fr)` }));
  await searcher.connect();
  await translator.connect();
  return {
    broker,
    searcher,
    translator,
    searches,
    async stop() {
      await searcher.close();
      await translator.close();
      await broker.stop();
    },
  };
}

/** An MCP client of `parley mcp`, with the tool list as it changes. */
export interface McpSession {
  readonly client: Client;
  /** Errors the client transport reported (a line on stdout that is not MCP JSON is one). */
  readonly transportErrors: Error[];
  /** Every message the client received, in order, as it came off the wire. */
  readonly received: JSONRPCMessage[];
  /** The MCP endpoint, over Streamable HTTP. */
  readonly url: string | undefined;
  /** Resolves with the tool list once `predicate` holds, listing again after each list_changed. */
  toolsWhere(predicate: (tools: Tool[]) => boolean): Promise<Tool[]>;
  close(): Promise<void>;
}

async function connectClient(
  transport: StdioClientTransport | StreamableHTTPClientTransport,
  stop: () => Promise<void>,
  url?: string,
): Promise<McpSession> {
  const client = new Client({ name: "parley-test-host", version: "1.0.0" });
  const transportErrors: Error[] = [];
  const changeWaiters = new Set<() => void>();
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    for (const wake of [...changeWaiters]) wake();
    changeWaiters.clear();
  });
  await client.connect(transport);
  // Set after connect: the client wraps the transport's handlers when it connects.
  const onerror = transport.onerror;
  transport.onerror = (error) => {
    transportErrors.push(error);
    onerror?.(error);
  };
  const received: JSONRPCMessage[] = [];
  // Both client transports hand the client one message at a time.
  const onmessage = transport.onmessage as ((message: JSONRPCMessage) => void) | undefined;
  transport.onmessage = (message: JSONRPCMessage) => {
    received.push(message);
    onmessage?.(message);
  };
  return {
    client,
    transportErrors,
    received,
    url,
    async toolsWhere(predicate) {
      for (;;) {
        const changed = new Promise<void>((resolve) => changeWaiters.add(resolve));
        const { tools } = await client.listTools();
        if (predicate(tools)) return tools;
        await changed;
      }
    },
    async close() {
      await client.close();
      await stop();
    },
  };
}

const BIN = repoPath("bin/parley.js");

/** `parley mcp --url URL ...options` spawned by the SDK's stdio client transport, as a desktop host does. */
export async function connectOverStdio(
  brokerUrl: string,
  options: readonly string[] = [],
): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "mcp", "--url", brokerUrl, ...options],
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return connectClient(transport, async () => {}).catch((error: unknown) => {
    throw new Error(`parley mcp over stdio failed: ${String(error)}\nstderr:\n${stderr}`);
  });
}

/** `parley mcp --url URL --port 0` (killed by `close()`), and the SDK's Streamable HTTP client to it. */
export async function connectOverHttp(brokerUrl: string): Promise<McpSession> {
  const child = spawn(process.execPath, [BIN, "mcp", "--url", brokerUrl, "--port", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = once(child, "exit");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  try {
    let stderr = "";
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stderr }).on("line", (line) => {
        stderr += `${line}\n`;
        const match = /Streamable HTTP\) at (http:\S+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`parley mcp exited (${code}):\n${stderr}`)));
    });
    return await connectClient(new StreamableHTTPClientTransport(new URL(url)), stop, url);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}
