/** `parley broker`: the embedded MQTT broker (aedes), for a zero-setup mesh on one machine. */

import type { Command } from "./command-args.js";
import { parseCommandArgs, portOption } from "./command-args.js";
import { catchStopSignals } from "./until-signal.js";

const USAGE = `usage: parley broker [--port N] [--host H]

Runs Parley's embedded MQTT broker (MQTT 3.1.1, retained messages and Last Will; no shared
subscriptions, so no worker pools) until Ctrl-C or SIGTERM. For production use mosquitto or NATS.

options:
  --port N     TCP port to listen on; 0 picks a free one (default 1883)
  --host H     interface to listen on (default 127.0.0.1, this machine only)
  -h, --help   show this help`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
} as const;

export const brokerCommand: Command = {
  async run(argv) {
    const args = parseCommandArgs(argv, OPTIONS, USAGE);
    if (!args) return 0;
    const { createEmbeddedBroker, DEFAULT_EMBEDDED_BROKER_HOST, DEFAULT_EMBEDDED_BROKER_PORT } =
      await import("../transports/mqtt/index.js");
    const port =
      args.port === undefined ? DEFAULT_EMBEDDED_BROKER_PORT : portOption(args.port, "--port");
    const host = args.host ?? DEFAULT_EMBEDDED_BROKER_HOST;
    // Catch signals before announcing the URL: whoever reads it may stop us right away.
    const signals = catchStopSignals();
    try {
      const broker = await createEmbeddedBroker({ port, host });
      console.log(`parley broker listening on ${broker.url}`);
      await signals.received;
      await broker.close();
      return 0;
    } finally {
      signals.dispose();
    }
  },
};
