/**
 * The seed's demo over MQTT with zero setup: an embedded broker on a free port in this process,
 * closed when the demo ends. What `npm start` and `parley demo` run.
 */
import { createEmbeddedBroker, createMqttTransport } from "../../transports/mqtt/index.js";
import { runSeedDemo } from "./demo.js";

export async function runSeedDemoOverEmbeddedBroker(): Promise<void> {
  const broker = await createEmbeddedBroker({ port: 0 });
  try {
    await runSeedDemo(
      () => createMqttTransport({ url: broker.url }),
      `mqtt (embedded broker at ${broker.url})`,
    );
  } finally {
    await broker.close();
  }
}
