/**
 * Argument parsing shared by every command: node:util `parseArgs` in strict mode (unknown options
 * and stray arguments are refused), `--help`/`-h` on every command, and small checks for values.
 * Problems are a {@link UsageError}: one line, exit code 2.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";

/** Exit codes every command uses. */
export const ExitCode = {
  ok: 0,
  /** The work failed: a typed error from the remote side, a broker that cannot be reached. */
  failed: 1,
  /** The command line was wrong. */
  usage: 2,
} as const;

/** The command line was wrong: exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

const HELP = { help: { type: "boolean", short: "h" } } as const;

/** What parseArgs returns for these options (strict, no positionals), `--help` included. */
type ParsedValues<T extends OptionsConfig> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: T & typeof HELP;
    strict: true;
    allowPositionals: false;
  }>
>["values"];

/** One line, whatever the message looked like (parseArgs writes some over three lines). */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Parses a command's arguments. Returns undefined when `--help` was given (the usage text is then
 * printed on stdout); throws a {@link UsageError} for anything parseArgs refuses.
 */
export function parseCommandArgs<const T extends OptionsConfig>(
  argv: readonly string[],
  options: T,
  usage: string,
): ParsedValues<T> | undefined {
  let values: ParsedValues<T>;
  try {
    values = parseArgs({
      args: [...argv],
      options: { ...options, ...HELP },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(oneLine(error instanceof Error ? error.message : String(error)));
  }
  // Generic here, so TypeScript cannot see `help` in the parsed type; it is always there.
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    return undefined;
  }
  return values;
}

/** The value of a required option, or a usage error naming it. */
export function required<T>(value: T | undefined, option: string): T {
  if (value === undefined) throw new UsageError(`${option} is required`);
  return value;
}

/** A number of seconds (fractions allowed) as milliseconds; `min` in seconds. */
export function secondsOption(value: string, option: string, min = 0): number {
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds < min) {
    throw new UsageError(`${option} must be a number of seconds >= ${min}, got "${value}"`);
  }
  return Math.round(seconds * 1000);
}

/** A TCP port, 0..65535 (0: let the system pick a free one). */
export function portOption(value: string, option: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new UsageError(`${option} must be a port number 0..65535, got "${value}"`);
  }
  return port;
}

/** One `parley` subcommand: runs with its arguments, resolves with the exit code. */
export interface Command {
  run(argv: readonly string[]): Promise<number>;
}
