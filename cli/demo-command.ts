/** `parley demo`: the seed's demo, over an embedded broker (default) or the broker at --url (or PARLEY_URL). */

import type { Command } from "./command-args.js";
import { parseCommandArgs } from "./command-args.js";
import { urlOrDefault } from "./connection-options.js";
import { redactUrl, transportFactoryFromUrl } from "./transport-from-url.js";

const USAGE = `usage: parley demo [--url URL]

Runs the seed's two-agent demo and exits 0 when it completes: alexai-main discovers
alexai-specialist, delegates a knowledge_search task to it and prints the result, then broadcasts
a system_update that the specialist logs.

options:
  --url URL    run it over this broker (mqtt://, mqtts://, nats://, ws://, wss://, or memory: for
               one in-process network); default: $PARLEY_URL, else an embedded MQTT broker on a
               free port
  -h, --help   show this help`;

const OPTIONS = { url: { type: "string" } } as const;

export const demoCommand: Command = {
  async run(argv) {
    const args = parseCommandArgs(argv, OPTIONS, USAGE);
    if (!args) return 0;
    const url = urlOrDefault(args.url);
    if (url === undefined) {
      const { runSeedDemoOverEmbeddedBroker } = await import(
        "../examples/seed-demo/demo-over-embedded-broker.js"
      );
      await runSeedDemoOverEmbeddedBroker();
      return 0;
    }
    const factory = await transportFactoryFromUrl(url);
    const { runSeedDemo } = await import("../examples/seed-demo/demo.js");
    await runSeedDemo(factory, redactUrl(url));
    return 0;
  },
};
