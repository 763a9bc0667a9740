/** `parley watch`: a live tail of all Parley traffic on a broker, one line per message. */
import { randomBytes } from "node:crypto";
import type { Command } from "./command-args.js";
import { parseCommandArgs } from "./command-args.js";
import { CONNECTION_OPTIONS, connectionUsage, readConnection } from "./connection-options.js";
import { colourWanted, createTerminalStyle } from "./terminal-style.js";
import { matchesFilters, TrafficDecoder } from "./traffic-event.js";
import { formatTrafficJson, formatTrafficLine } from "./traffic-format.js";
import { redactUrl, transportFromUrl } from "./transport-from-url.js";
import { catchStopSignals } from "./until-signal.js";

/** Everything Parley publishes: direct messages, broadcasts, presence cards. */
export const WATCH_PATTERN = "a2a/#";

const USAGE = `usage: parley watch --url URL [--ca FILE] [--cert FILE --key FILE] [--filter TEXT ...]
                    [--json]

Prints every Parley message on the broker as it passes, until Ctrl-C:
  time  sender -> recipient (* for everyone)  message type  request/broadcast type  #correlation  latency
A response shows the time since its request was seen. Colours on a terminal (not when piped, nor
with NO_COLOR set). Messages that are not valid envelopes show as "malformed".

options:
${connectionUsage(18)}
  --filter TEXT   only messages whose sender, recipient, message type or request/broadcast type
                  contains TEXT (case-insensitive); repeat it to show any of several
  --json          one JSON object per message (with the whole envelope) instead of a line
  -h, --help      show this help`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  filter: { type: "string", multiple: true },
  json: { type: "boolean" },
} as const;

/** Resolves when stdout is gone (`parley watch | head`): there is nobody left to tell. */
function stdoutClosed(): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.once("error", () => resolve());
  });
}

export const watchCommand: Command = {
  async run(argv) {
    const args = parseCommandArgs(argv, OPTIONS, USAGE);
    if (!args) return 0;
    const { url, tls } = await readConnection(args);
    const filters = args.filter ?? [];
    const style = createTerminalStyle(colourWanted(process.stdout));
    const errStyle = createTerminalStyle(colourWanted(process.stderr));
    const format = args.json
      ? formatTrafficJson
      : (event: Parameters<typeof formatTrafficLine>[0]) => formatTrafficLine(event, style);
    const decoder = new TrafficDecoder();

    const transport = await transportFromUrl(url, tls);
    const signals = catchStopSignals();
    try {
      await transport.connect({ clientId: `parley-watch-${randomBytes(4).toString("hex")}` });
      const stopStatus = transport.onStatus((status) => {
        if (status.state === "closed") return;
        const why = status.error ? `: ${status.error.message}` : "";
        console.error(errStyle.dim(`parley watch: ${status.state}${why}`));
      });
      const subscription = await transport.subscribe(WATCH_PATTERN, (message) => {
        const event = decoder.decode(message, performance.now());
        if (matchesFilters(event, filters)) process.stdout.write(`${format(event)}\n`);
      });
      console.error(
        errStyle.dim(
          `parley watch: watching ${WATCH_PATTERN} on ${redactUrl(url)} (Ctrl-C to stop)`,
        ),
      );
      await Promise.race([signals.received, stdoutClosed()]);
      stopStatus();
      await subscription.unsubscribe().catch(() => {});
      return 0;
    } finally {
      signals.dispose();
      await transport.close();
    }
  },
};
