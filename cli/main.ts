/**
 * The `parley` command line. Each command lives in its own module and is loaded only when run.
 * Errors are one clear line on stderr and a non-zero exit, never a stack trace: exit 1 when the
 * work failed (a ParleyError prints as `CODE: message`), 2 when the command line was wrong.
 */
import { isParleyError } from "../src/errors/parley-error.js";
import { type Command, ExitCode, oneLine, UsageError } from "./command-args.js";
import { PARLEY_URL_VARIABLE } from "./connection-options.js";
import { packageVersion } from "./package-version.js";

/** One sub-command: parses its own arguments and resolves with the exit code. */
interface Entry {
  readonly summary: string;
  load(): Promise<Command>;
}

/** Every command, in the order `parley --help` lists them; each module is loaded only when run. */
const commands: Readonly<Record<string, Entry>> = {
  broker: {
    summary: "run the embedded MQTT broker (zero setup, this machine)",
    load: async () => (await import("./broker-command.js")).brokerCommand,
  },
  agents: {
    summary: "list the agents online on a broker",
    load: async () => (await import("./agents-command.js")).agentsCommand,
  },
  call: {
    summary: "send one request to an agent and print the response",
    load: async () => (await import("./call-command.js")).callCommand,
  },
  watch: {
    summary: "tail all traffic on a broker, one line per message",
    load: async () => (await import("./watch-command.js")).watchCommand,
  },
  mcp: {
    summary: "serve the mesh's request types as MCP tools (stdio, or Streamable HTTP with --port)",
    load: async () => (await import("./mcp-command.js")).mcpCommand,
  },
  hub: {
    summary: "run the WebSocket hub (agents in browsers and Node, optional bridge to MQTT)",
    load: async () => (await import("./hub-command.js")).hubCommand,
  },
  codegen: {
    summary: "generate typed clients, handlers and validators from contract schemas",
    load: async () => (await import("./codegen-command.js")).codegenCommand,
  },
  demo: {
    summary: "run the seed's demo: two agents discover each other, delegate a task, broadcast",
    load: async () => (await import("./demo-command.js")).demoCommand,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(
    ([name, entry]) => `  ${name.padEnd(10)} ${entry.summary}`,
  );
  return [
    "usage: parley <command> [options]",
    "       parley --version    print the version (also -v)",
    "",
    "commands:",
    ...lines,
    "",
    `Run "parley <command> --help" for a command's options. ${PARLEY_URL_VARIABLE}, when set, is the`,
    "--url of every command that takes one.",
  ].join("\n");
}

/** The one line an error becomes. */
function describeError(error: unknown): string {
  if (isParleyError(error)) return `${error.code}: ${oneLine(error.message)}`;
  return oneLine(error instanceof Error ? error.message : String(error));
}

let pipesGuarded = false;

/**
 * A reader that goes away (`parley watch | head -3`) is not a failure: further output is dropped
 * and the command finishes quietly (`watch` notices and stops) instead of crashing on EPIPE.
 */
function tolerateClosedPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    });
  }
}

/** Runs the CLI; resolves with the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  tolerateClosedPipes();
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return ExitCode.ok;
  }
  if (name === "--version" || name === "-v") {
    console.log(packageVersion());
    return ExitCode.ok;
  }
  if (name === undefined) {
    console.error(usage());
    return ExitCode.usage;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    console.error(`parley: unknown command "${name}" (run "parley --help" for the list)`);
    return ExitCode.usage;
  }
  try {
    return await (await entry.load()).run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`parley ${name}: ${describeError(error)} (see "parley ${name} --help")`);
      return ExitCode.usage;
    }
    console.error(`parley ${name}: ${describeError(error)}`);
    return ExitCode.failed;
  }
}
