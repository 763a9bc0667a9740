/** `parley hub`: the WebSocket hub, optionally bridged to an MQTT (or NATS) broker. */

import type { Command } from "./command-args.js";
import { parseCommandArgs, portOption } from "./command-args.js";
import { redactUrl, transportFromUrl } from "./transport-from-url.js";
import { catchStopSignals } from "./until-signal.js";

const USAGE = `usage: parley hub [--port N] [--host H] [--token T ...] [--bridge URL]

Runs the WebSocket hub that agents in browsers and in Node connect to (ws://HOST:PORT), until
Ctrl-C or SIGTERM. With --bridge, everything under a2a/ also flows to and from that broker, so
browser agents join an MQTT mesh.

options:
  --port N       TCP port to listen on; 0 picks a free one (default 8080)
  --host H       interface to listen on (default 127.0.0.1, this machine only)
  --token T      accept only clients presenting this token (repeatable); default: anyone
  --bridge URL   bridge to this broker (mqtt://, mqtts://, nats://)
  -h, --help     show this help`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  token: { type: "string", multiple: true },
  bridge: { type: "string" },
} as const;

/** The hub's default port on the command line. */
export const DEFAULT_HUB_CLI_PORT = 8080;

export const hubCommand: Command = {
  async run(argv) {
    const args = parseCommandArgs(argv, OPTIONS, USAGE);
    if (!args) return 0;
    const { createWebSocketHub } = await import("../transports/websocket/node.js");
    const port = args.port === undefined ? DEFAULT_HUB_CLI_PORT : portOption(args.port, "--port");
    const bridge = args.bridge === undefined ? undefined : await transportFromUrl(args.bridge);
    const signals = catchStopSignals();
    try {
      const hub = await createWebSocketHub({
        port,
        host: args.host ?? "127.0.0.1",
        ...(args.token && args.token.length > 0 ? { tokens: args.token } : {}),
        ...(bridge ? { bridge } : {}),
      });
      console.log(
        `parley hub listening on ${hub.url}${args.bridge ? ` bridged to ${redactUrl(args.bridge)}` : ""}`,
      );
      await signals.received;
      await hub.close();
      return 0;
    } finally {
      signals.dispose();
    }
  },
};
