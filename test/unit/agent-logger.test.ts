/**
 * The `logger` option: an agent logs reconnects, refused messages, shed requests and handler
 * errors to the logger it is given (pino-shaped: fields, then the message), and nothing at all
 * without one.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Agent, createAgent, ErrorCode, type Logger } from "../../src/index.js";
import { eventually } from "../../testing/conformance/mesh.js";
import {
  createMemoryNetwork,
  createMemoryTransport,
  type MemoryNetwork,
} from "../../transports/memory/index.js";
import { heldHandler } from "../harness/held-handler.js";

interface Line {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

function recordingLogger(): Logger & { readonly lines: Line[] } {
  const lines: Line[] = [];
  const at =
    (level: Line["level"]) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

let network: MemoryNetwork;
const agents: Agent[] = [];

async function agent(id: string, options: Record<string, unknown> = {}): Promise<Agent> {
  const made = createAgent({
    id,
    transport: createMemoryTransport({ network }),
    heartbeatIntervalMs: 0,
    ...options,
  });
  await made.connect();
  agents.push(made);
  return made;
}

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  vi.restoreAllMocks();
});

describe("an agent with a logger", () => {
  it("logs a handler that threw as an error, with who asked for what", async () => {
    network = createMemoryNetwork();
    const logger = recordingLogger();
    const server = await agent("log-server", { logger });
    server.handle("explode", () => {
      throw new Error("boom");
    });
    const client = await agent("log-client");
    await expect(client.request("log-server", "explode")).rejects.toMatchObject({
      code: ErrorCode.handler_failed,
    });
    const line = logger.lines.find((l) => l.message === "handler failed");
    expect(line).toMatchObject({
      level: "error",
      fields: {
        agent: "log-server",
        code: "handler_failed",
        sender: "log-client",
        type: "explode",
        address: "a2a/log-server/request",
      },
    });
    expect(line?.fields.err).toMatchObject({ message: "boom" });
  });

  it("logs refused input and a request shed from a full backlog as warnings", async () => {
    network = createMemoryNetwork();
    const logger = recordingLogger();
    const server = await agent("shed-server", { logger, concurrency: 1, maxQueue: 0 });
    const held = heldHandler();
    server.handle("slow", held.handler);
    const client = await agent("shed-client");
    const first = client.request("shed-server", "slow");
    await held.running;
    await expect(client.request("shed-server", "slow")).rejects.toMatchObject({
      code: ErrorCode.overloaded,
    });
    held.release();
    await first;
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        message: "request shed: handler backlog full",
        fields: expect.objectContaining({ agent: "shed-server", code: "overloaded" }),
      }),
    );

    const raw = createMemoryTransport({ network });
    await raw.connect({ clientId: "raw" });
    await raw.publish("a2a/shed-server/request", new TextEncoder().encode("{not json"));
    await eventually(
      () => logger.lines.some((l) => l.fields.code === "malformed_message"),
      "the malformed message logged",
    );
    expect(logger.lines.find((l) => l.fields.code === "malformed_message")).toMatchObject({
      level: "warn",
      message: "message refused",
      fields: { address: "a2a/shed-server/request" },
    });
    await raw.close();
  });

  it("logs a lost connection as a warning and its return as info", async () => {
    network = createMemoryNetwork();
    const logger = recordingLogger();
    const dropped = await agent("drop-me", { logger });
    const back = new Promise<void>((resolve) => {
      dropped.on("connection", (status) => {
        if (status.state === "connected") resolve();
      });
    });
    network.drop("drop-me");
    await back;
    const messages = logger.lines.map((l) => [l.level, l.message]);
    expect(messages).toEqual([
      ["warn", "connection lost (disconnected)"],
      ["debug", "connection reconnecting"],
      ["info", "reconnected"],
    ]);
  });
});

describe("an agent without a logger", () => {
  it("writes nothing to the console, whatever goes wrong", async () => {
    network = createMemoryNetwork();
    const spies = (["debug", "info", "log", "warn", "error"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const server = await agent("quiet-server");
    server.handle("explode", () => {
      throw new Error("boom");
    });
    const client = await agent("quiet-client");
    const failed = new Promise((resolve) => server.on("handler:error", resolve));
    await expect(client.request("quiet-server", "explode")).rejects.toThrow("boom");
    await failed;
    const back = new Promise<void>((resolve) => {
      server.on("connection", (s) => s.state === "connected" && resolve());
    });
    network.drop("quiet-server");
    await back;
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("takes the console as its logger", async () => {
    network = createMemoryNetwork();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const server = await agent("console-server", { logger: console });
    const raw = createMemoryTransport({ network });
    await raw.connect({ clientId: "raw-console" });
    await raw.publish("a2a/console-server/request", new TextEncoder().encode("[]"));
    await eventually(() => warn.mock.calls.length > 0, "a warning on the console");
    expect(warn.mock.calls[0]?.[0]).toMatchObject({ agent: "console-server" });
    expect(warn.mock.calls[0]?.[1]).toBe("message refused");
    expect(server.stats().rejected).toBe(1);
    await raw.close();
  });
});
