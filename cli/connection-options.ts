/**
 * The options every command that connects shares: `--url` (default: the `PARLEY_URL` environment
 * variable), and `--ca` / `--cert` / `--key` for TLS (`mqtts://`, and NATS servers that use TLS).
 * The files are read here, before anything touches the network, so a missing one is a usage error
 * naming it.
 */
import { readFile } from "node:fs/promises";
import { UsageError } from "./command-args.js";
import { SUPPORTED_SCHEMES, type TlsMaterial } from "./transport-from-url.js";

/** The environment variable whose value is `--url` when the option is not given. */
export const PARLEY_URL_VARIABLE = "PARLEY_URL";

/** `--url` as given, else `PARLEY_URL` when set and not empty, else undefined. */
export function urlOrDefault(url: string | undefined): string | undefined {
  if (url !== undefined) return url;
  const fromEnvironment = process.env[PARLEY_URL_VARIABLE];
  return fromEnvironment === undefined || fromEnvironment === "" ? undefined : fromEnvironment;
}

/** parseArgs configuration of the connection options. */
export const CONNECTION_OPTIONS = {
  url: { type: "string" },
  ca: { type: "string" },
  cert: { type: "string" },
  key: { type: "string" },
} as const;

/** Where a command connects, and with which TLS material. */
export interface CliConnection {
  readonly url: string;
  readonly tls: TlsMaterial;
}

/** The usage lines of the connection options, descriptions starting at column `width`. */
export function connectionUsage(width: number): string {
  const line = (option: string, text: string) => `  ${option.padEnd(width - 2)}${text}`;
  return [
    line("--url URL", `the broker: ${SUPPORTED_SCHEMES.join(", ")}`),
    line("", `(default: $${PARLEY_URL_VARIABLE}; one of the two is required)`),
    line("--ca FILE", "the CA certificate (PEM) that signed the broker's (mqtts://, nats://)"),
    line("--cert FILE", "client certificate (PEM) for mutual TLS; needs --key"),
    line("--key FILE", "private key (PEM) of --cert"),
  ].join("\n");
}

type ConnectionValues = { readonly [K in keyof typeof CONNECTION_OPTIONS]?: string | undefined };

/** Checks the connection options and reads the TLS files they name. */
export async function readConnection(values: ConnectionValues): Promise<CliConnection> {
  const url = urlOrDefault(values.url);
  if (url === undefined)
    throw new UsageError(`--url URL is required (or set ${PARLEY_URL_VARIABLE})`);
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new UsageError("--cert and --key must be given together");
  const tls: { ca?: string; cert?: string; key?: string } = {};
  for (const name of ["ca", "cert", "key"] as const) {
    const path = values[name];
    if (path !== undefined) tls[name] = await readPem(path, `--${name}`);
  }
  return { url, tls };
}

async function readPem(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`${option}: cannot read ${path} (${why})`, { cause: error });
  }
}
