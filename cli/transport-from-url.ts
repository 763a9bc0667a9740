/**
 * The transport a URL names. This helper lives at the edge (the CLI); the runtime in `src/` is
 * always handed a transport object made by a factory. Each transport's module is loaded only
 * when its scheme is used.
 *
 * | URL | transport |
 * |---|---|
 * | `mqtt://host:port`, `mqtts://host:port` | `createMqttTransport({ url, ca, cert, key })` |
 * | `nats://host:port` | `createNatsTransport({ url, tls: { ca, cert, key } })` |
 * | `ws://host:port[?token=T]`, `wss://...` | `createWebSocketTransport({ url, token })` (the hub's client) |
 * | `memory:` | one in-memory network shared by everything in this process |
 *
 * `memory:` only means something inside one process (the in-process demo, tests): other processes
 * cannot see it, so `parley agents --url memory:` finds nobody but itself.
 *
 * TLS material (`--ca`, `--cert`, `--key`) applies to `mqtts://` and `nats://` (where it makes
 * the connection require TLS); other schemes refuse it rather than ignore it.
 */
import type { MemoryNetwork } from "../transports/memory/index.js";
import type { Transport } from "../transports/transport.js";
import { UsageError } from "./command-args.js";

/** URL schemes the CLI understands, as written in its messages. */
export const SUPPORTED_SCHEMES = ["mqtt://", "mqtts://", "nats://", "ws://", "wss://", "memory:"];

let processNetwork: MemoryNetwork | undefined;

/** TLS material for the connection, as PEM text; all optional, `cert` and `key` together. */
export interface TlsMaterial {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** Makes transports to one URL; each call a new, unconnected one. */
export type TransportFactory = () => Transport;

/** The WebSocket hub's client; a `?token=` in the URL becomes the hub token. */
async function webSocketFactory(url: string): Promise<TransportFactory> {
  const { createWebSocketTransport } = await import("../transports/websocket/node.js");
  const parsed = new URL(url);
  const token = parsed.searchParams.get("token") ?? undefined;
  parsed.searchParams.delete("token");
  const plain = parsed.toString();
  return () =>
    createWebSocketTransport(token === undefined ? { url: plain } : { url: plain, token });
}

/** Schemes whose transport takes TLS material from the command line. */
const TLS_SCHEMES = new Set(["mqtts", "nats"]);

async function factoryFor(
  scheme: string | undefined,
  url: string,
  tls: TlsMaterial,
): Promise<TransportFactory> {
  if (Object.keys(tls).length > 0 && scheme !== undefined && !TLS_SCHEMES.has(scheme)) {
    throw new UsageError(
      `--ca, --cert and --key apply to mqtts:// and nats:// only, not ${scheme}:`,
    );
  }
  switch (scheme) {
    case "mqtt":
    case "mqtts": {
      const { createMqttTransport } = await import("../transports/mqtt/index.js");
      return () => createMqttTransport({ url, ...tls });
    }
    case "nats": {
      const { createNatsTransport } = await import("../transports/nats/index.js");
      const options = Object.keys(tls).length > 0 ? { url, tls: { ...tls } } : { url };
      return () => createNatsTransport(options);
    }
    case "ws":
    case "wss":
      return webSocketFactory(url);
    case "memory": {
      const memory = await import("../transports/memory/index.js");
      processNetwork ??= memory.createMemoryNetwork();
      const network = processNetwork;
      return () => memory.createMemoryTransport({ network });
    }
    default:
      throw new UsageError(`unsupported URL "${url}": use one of ${SUPPORTED_SCHEMES.join(", ")}`);
  }
}

/**
 * A factory of transports to `url`, checked by making one. Rejects with a {@link UsageError} for
 * a URL of an unknown scheme or one its transport refuses, and with an Error when that transport
 * is not in this build.
 */
export async function transportFactoryFromUrl(
  url: string,
  tls: TlsMaterial = {},
): Promise<TransportFactory> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  try {
    const factory = await factoryFor(scheme, url, tls);
    factory(); // the factories check their options here, before anything touches the network
    return factory;
  } catch (error) {
    // The factories report bad options as TypeErrors: here that means a bad URL.
    if (error instanceof TypeError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** One transport to `url`, not yet connected; errors as {@link transportFactoryFromUrl}. */
export async function transportFromUrl(url: string, tls: TlsMaterial = {}): Promise<Transport> {
  return (await transportFactoryFromUrl(url, tls))();
}

/** `url` without a user name or password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === "" && parsed.password === "") return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url;
  }
}
