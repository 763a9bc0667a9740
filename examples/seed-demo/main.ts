/** `npm start`: the seed's demo, over MQTT through an embedded broker on a free port. */
import { runSeedDemoOverEmbeddedBroker } from "./demo-over-embedded-broker.js";

runSeedDemoOverEmbeddedBroker().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
