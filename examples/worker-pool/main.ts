/**
 * A worker pool: three identical workers serve one logical name, "resizers"; the broker hands
 * each request to exactly one of them (MQTT shared subscriptions, NATS queue groups, hub groups).
 *
 *   npx tsx examples/worker-pool/main.ts [URL]      (needs a transport with groups: not aedes)
 */
import { createAgent } from "../../src/index.js";
import { exampleTransport } from "../example-transport.js";

const workers = ["resizer-1", "resizer-2", "resizer-3"].map((id) => {
  const worker = createAgent({ id, transport: exampleTransport(), pools: ["resizers"] });
  worker.handle<{ image: string }>("resize", ({ image }) => ({ image: `${image}@256px`, by: id }));
  return worker;
});
const client = createAgent({ id: "uploader", transport: exampleTransport() });

for (const worker of workers) await worker.connect();
await client.connect();

const images = Array.from({ length: 12 }, (_, i) => `photo-${i}.jpg`);
const results = await Promise.all(
  images.map((image) =>
    client.request<{ image: string; by: string }>("resizers", "resize", { image }),
  ),
);
const perWorker = new Map<string, number>();
for (const r of results) perWorker.set(r.by, (perWorker.get(r.by) ?? 0) + 1);
console.log(`[uploader] ${results.length} images resized, each by exactly one worker:`);
for (const [worker, count] of [...perWorker].sort()) console.log(`  ${worker}: ${count}`);

await client.close();
for (const worker of workers) await worker.close();
