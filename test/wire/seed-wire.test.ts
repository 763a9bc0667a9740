/**
 * The wire, judged by the seed's own Python code: every message Parley publishes parses with the
 * seed's A2AMessage.from_json (exact key set, ISO timestamps with offsets, enum values), and
 * Parley understands every message the seed's code makes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, createAgent, type Envelope, type JsonObject } from "../../src/index.js";
import { decodeEnvelope, type InboundMessage } from "../../src/transport.js";
import { eventually } from "../../testing/conformance/mesh.js";
import {
  createMemoryNetwork,
  createMemoryTransport,
  type MemoryNetwork,
} from "../../transports/memory/index.js";
import { repoPath, runPython, seedDir } from "../harness/seed-python.js";
import { SEED_ENVELOPE_KEYS } from "./seed-envelope-keys.js";

const script = repoPath("test/wire/seed_wire.py");

describe("Parley's messages, parsed by the seed's from_json", () => {
  const captured: InboundMessage[] = [];
  let network: MemoryNetwork;
  /** Everything published but the empty retained message that clears a presence card. */
  const sent = (): InboundMessage[] => captured.filter((m) => m.bytes.length > 0);

  beforeAll(async () => {
    network = createMemoryNetwork();
    const tap = createMemoryTransport({ network });
    await tap.connect({ clientId: "tap" });
    await tap.subscribe("#", (m) => captured.push(m));
    const a = createAgent({
      id: "wire-a",
      transport: createMemoryTransport({ network }),
      heartbeatIntervalMs: 20,
      presence: "heartbeats",
    });
    const b = createAgent({
      id: "wire-b",
      transport: createMemoryTransport({ network }),
      heartbeatIntervalMs: 20,
      presence: "heartbeats",
      concurrency: 1,
      maxQueue: 0,
    });
    b.handle("ok", () => ({ fine: true }));
    b.handle("fail", () => {
      throw new Error("nope");
    });
    b.handle("slow", (_payload, ctx) => {
      return new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve({})));
    });
    b.handle("count", async function* () {
      yield { n: 1 };
      yield { n: 2 };
      return { done: true };
    });
    await b.connect();
    await a.connect();
    await a.request("wire-b", "ok");
    // A streamed request (its parts are responses) and a cancelled one (the cancel is an error).
    for await (const _event of a.stream("wire-b", "count")) {
      // drain
    }
    const cancel = new AbortController();
    const cancelled = a.request("wire-b", "slow", {}, { signal: cancel.signal }).catch(() => {});
    await eventually(() => b.stats().load > 0, "the slow request to start");
    cancel.abort();
    await cancelled;
    await a.request("wire-b", "unknown").catch(() => {});
    await a.request("wire-b", "fail").catch(() => {});
    await a.request("wire-b", "ok", {}, { expiresAt: new Date(Date.now() - 1000) }).catch(() => {});
    await a.broadcast("system_update", { update_type: "x", details: "y" });
    await eventually(
      () => captured.filter((m) => m.address.endsWith("/heartbeat")).length >= 4,
      "heartbeats",
    );
    await a.close();
    await b.close();
    await tap.close();
  });

  it("emits every message kind", () => {
    const kinds = new Set(sent().map((m) => decoded(m).message_type));
    expect([...kinds].sort()).toEqual(["broadcast", "error", "heartbeat", "request", "response"]);
    const broadcastTypes = new Set(
      sent()
        .map((m) => decoded(m)?.payload.broadcast_type)
        .filter(Boolean),
    );
    expect([...broadcastTypes].sort()).toEqual([
      "agent_announcement",
      "agent_departure",
      "agent_discovery",
      "system_update",
    ]);
  });

  it("every one parses with the seed's A2AMessage.from_json", async () => {
    const lines = sent().map((m) => new TextDecoder().decode(m.bytes));
    const verdicts = (await runPython(script, [seedDir(), "check"], `${lines.join("\n")}\n`))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { ok: boolean; error?: string });
    expect(verdicts).toHaveLength(lines.length);
    expect(verdicts.filter((v) => !v.ok)).toEqual([]);
  });

  it("has exactly the seed's nine keys, in the seed's order, with +00:00 offsets", () => {
    for (const message of sent()) {
      const envelope = decoded(message);
      expect(Object.keys(envelope)).toEqual([...SEED_ENVELOPE_KEYS]);
      expect(envelope.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    }
  });

  it("reports Parley's own errors so a seed agent correlates them: a response with payload.error", () => {
    const errors = sent()
      .map(decoded)
      .filter((e) => e?.message_type === "response" && "error" in e.payload);
    const codes = errors.map((e) => (e.payload.error as JsonObject).code).sort();
    expect(codes).toEqual(["expired", "handler_failed", "unknown_request_type"]);
    for (const e of errors) expect(e.correlation_id).toEqual(expect.any(String));
  });
});

describe("the seed's messages, understood by Parley", () => {
  let seedLines: string[];
  let network: MemoryNetwork;
  let agent: Agent;

  beforeAll(async () => {
    seedLines = (await runPython(script, [seedDir(), "produce"])).trim().split("\n");
    network = createMemoryNetwork();
    agent = createAgent({ id: "parley-agent", transport: createMemoryTransport({ network }) });
    await agent.connect();
  });
  afterAll(async () => {
    await agent.close();
  });

  it("decodes every message the seed's code makes", () => {
    for (const line of seedLines) {
      const result = decodeEnvelope(new TextEncoder().encode(line));
      expect(result.ok, line).toBe(true);
    }
  });

  it("serves a seed request, learns the seed agent from its announcement and heartbeat, hears its broadcast", async () => {
    const seed = createMemoryTransport({ network });
    await seed.connect({ clientId: "seed-agent" });
    const replies: Envelope[] = [];
    await seed.subscribe("a2a/seed-agent/+", (m) => replies.push(decoded(m)));
    const updates: JsonObject[] = [];
    agent.on("system_update", (p) => updates.push(p));
    agent.handle<JsonObject>("delegate_task", (payload) => ({
      status: "completed",
      task_type: payload.task_type as string,
    }));
    for (const line of seedLines) {
      const envelope = JSON.parse(line) as Envelope;
      await seed.publish(
        `a2a/${envelope.recipient_id ?? "broadcast"}/${envelope.message_type}`,
        new TextEncoder().encode(line),
      );
    }
    await eventually(
      () =>
        replies.filter((r) => r.message_type === "response").length >= 2 && updates.length === 1,
      "replies and the update",
    );
    const responses = replies.filter((r) => r.message_type === "response");
    expect(responses.map((r) => r.payload.status)).toEqual(["completed", "completed"]);
    // Name from the announcement, capabilities from the (later) heartbeat.
    expect(agent.directory.get("seed-agent")).toMatchObject({ name: "AlexAI", status: "online" });
    expect(agent.directory.get("seed-agent")?.capabilities).toEqual([
      "chat",
      "document_processing",
    ]);
    expect(updates).toEqual([
      {
        update_type: "capability_enhancement",
        details: "Added new document processing capabilities",
      },
    ]);
    // The seed's discovery broadcast is answered straight to the seed agent.
    expect(replies.some((r) => r.payload.broadcast_type === "agent_announcement")).toBe(true);
    await seed.close();
  });
});

function decoded(message: InboundMessage): Envelope {
  return JSON.parse(new TextDecoder().decode(message.bytes)) as Envelope;
}
