/**
 * Heap measurements beside request/response, each in this process: 10,000 pending requests and a
 * directory of 10,000 agents. (Validation cost is in `validation-cost.ts`.)
 */
import { createAgent } from "../src/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../transports/memory/index.js";
import { BODY } from "./echo-contract.js";

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
    client.request("mem-sink", "hang", BODY, { timeout: 600_000 }).catch(() => {}),
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
