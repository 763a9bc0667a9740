/**
 * In-process benchmarks: Parley over the memory transport (with contract validation on), the
 * JSON floor, validation cost per message, and memory for 10,000 pending requests and a directory
 * of 10,000 agents.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { type ContractSet, createAgent, type Validator } from "../src/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../transports/memory/index.js";
import { closedLoop, type LoadResult } from "./measure.js";

const BODY = { text: "x".repeat(60), n: 42, tags: ["a", "b"] }; // ~100 bytes of JSON

const requestSchema = {
  type: "object",
  required: ["text", "n"],
  properties: {
    text: { type: "string", maxLength: 1000 },
    n: { type: "integer" },
    tags: { type: "array", items: { type: "string" } },
  },
  additionalProperties: false,
};

function ajvValidator(schema: object): Validator {
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  return (value) =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) => ({
          instancePath: e.instancePath,
          message: e.message ?? "invalid",
        }));
}

const contracts: ContractSet = {
  requests: {
    echo: {
      name: "echo",
      version: "1",
      hash: "bench",
      validateRequest: ajvValidator(requestSchema),
      validateResponse: ajvValidator(requestSchema),
    },
  },
  broadcasts: {},
};

/** Parley request/response over the memory transport at each in-flight level. */
export async function memoryRequestResponse(
  levels: readonly number[],
  total: number,
  validate: boolean,
): Promise<LoadResult[]> {
  const network = createMemoryNetwork();
  const server = createAgent({
    id: "bench-server",
    transport: createMemoryTransport({ network }),
    contracts,
    validate,
    concurrency: 2000,
    maxQueue: 100_000,
    heartbeatIntervalMs: 0,
  });
  const client = createAgent({
    id: "bench-client",
    transport: createMemoryTransport({ network }),
    contracts,
    validate,
    heartbeatIntervalMs: 0,
  });
  server.handle("echo", (payload) => payload);
  await server.connect();
  await client.connect();
  const results: LoadResult[] = [];
  for (const inFlight of levels)
    results.push(
      await closedLoop(() => client.request("bench-server", "echo", BODY), inFlight, total),
    );
  await client.close();
  await server.close();
  return results;
}

/** The floor: what encoding and decoding the same message costs with nothing else. */
export async function jsonFloor(total: number): Promise<LoadResult> {
  const envelope = {
    id: "x",
    sender_id: "a",
    recipient_id: "b",
    message_type: "request",
    priority: 2,
    timestamp: new Date().toISOString(),
    payload: BODY,
    correlation_id: "c",
    expires_at: null,
  };
  return closedLoop(async () => JSON.parse(JSON.stringify(envelope)), 1, total);
}

/** Nanoseconds per validation of a typical payload with a compiled ajv validator. */
export function validationCostNs(iterations: number): number {
  const validate = ajvValidator(requestSchema);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) validate(BODY);
  return Number(process.hrtime.bigint() - t0) / iterations;
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Client heap growth (MB) while `count` requests are pending (the recipient swallows them). */
export async function pendingRequestsHeapMb(count: number): Promise<number> {
  const network = createMemoryNetwork();
  const sink = createMemoryTransport({ network });
  await sink.connect({ clientId: "mem-sink" });
  await sink.subscribe("a2a/mem-sink/+", () => {});
  const client = createAgent({
    id: "mem-client",
    transport: createMemoryTransport({ network }),
    heartbeatIntervalMs: 0,
    maxPendingRequests: count,
  });
  await client.connect();
  const before = heapMb();
  const pending = Array.from({ length: count }, () =>
    client.request("mem-sink", "hang", BODY, { timeoutMs: 600_000 }).catch(() => {}),
  );
  await new Promise((r) => setTimeout(r, 50));
  const after = heapMb();
  await client.close();
  await sink.close();
  await Promise.all(pending);
  return after - before;
}

/** Heap growth (MB) for a directory that knows `count` agents (learnt from heartbeats). */
export async function directoryHeapMb(count: number): Promise<number> {
  const network = createMemoryNetwork();
  const watcher = createAgent({
    id: "dir-watcher",
    transport: createMemoryTransport({ network }),
    heartbeatIntervalMs: 0,
  });
  await watcher.connect();
  const raw = createMemoryTransport({ network });
  await raw.connect({ clientId: "dir-raw" });
  const before = heapMb();
  const encoder = new TextEncoder();
  for (let i = 0; i < count; i++) {
    const heartbeat = {
      id: `h${i}`,
      sender_id: `agent-${i}`,
      recipient_id: null,
      message_type: "heartbeat",
      priority: 1,
      timestamp: new Date().toISOString(),
      payload: { status: "active", capabilities: ["chat", "search"], load: 0 },
      correlation_id: null,
      expires_at: null,
    };
    await raw.publish("a2a/broadcast/heartbeat", encoder.encode(JSON.stringify(heartbeat)));
  }
  await new Promise((r) => setTimeout(r, 50));
  const known = watcher.directory.list().length;
  const after = heapMb();
  await watcher.close();
  await raw.close();
  if (known !== count) throw new Error(`directory knows ${known} agents, expected ${count}`);
  return after - before;
}
