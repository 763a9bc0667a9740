/**
 * The seed's specialist agent on its own, serving until Ctrl-C: something for `parley agents`,
 * `parley call` and `parley watch` to talk to.
 *
 *   npx tsx examples/seed-demo/specialist.ts [URL]     (default mqtt://127.0.0.1:1883)
 */
import { createCoordinator } from "../../src/seed/index.js";
import type { Transport } from "../../src/transport.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import { DEMO_EXECUTORS } from "./knowledge-base.js";

const url = process.argv[2] ?? "mqtt://127.0.0.1:1883";
const transport: Transport = url.startsWith("nats:")
  ? createNatsTransport({ url })
  : createMqttTransport({ url });
const specialist = createCoordinator({
  id: "alexai-specialist",
  transport,
  card: {
    name: "AlexAI",
    version: "1.0.0",
    description: "AI Personal Assistant",
    capabilities: ["chat"],
  },
  executors: DEMO_EXECUTORS,
});

try {
  await specialist.connect();
  console.log(`alexai-specialist serving on ${url} (Ctrl-C to stop)`);
  const stop = (): void => {
    specialist.close().catch((error: unknown) => {
      console.error(`close failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(`specialist: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
