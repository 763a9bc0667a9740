/**
 * Helpers for the WebSocket tests: hubs and transports that are always closed after each test,
 * an inbox that turns delivered messages into awaitable promises, a raw socket that speaks frames
 * directly, and a status waiter. Synchronisation is by events only.
 */
import { afterEach } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type { InboundMessage, Transport, TransportStatus } from "../../transports/transport.js";
import {
  createWebSocketHub,
  createWebSocketTransport,
  type WebSocketHub,
  type WebSocketHubOptions,
} from "../../transports/websocket/node.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  const pending = cleanups.splice(0).reverse();
  for (const cleanup of pending) await cleanup().catch(() => {});
});

/** A hub on a free loopback port, closed after the test. */
export async function startHub(options: WebSocketHubOptions = {}): Promise<WebSocketHub> {
  const hub = await createWebSocketHub(options);
  cleanups.push(() => hub.close());
  return hub;
}

/** A transport on the hub, connected as `clientId`, closed after the test. */
export async function connectClient(
  hub: { readonly url: string },
  clientId: string,
  extra: { token?: string; will?: { address: string; body: string; retain?: boolean } } = {},
): Promise<Transport> {
  const transport = createWebSocketTransport({
    url: hub.url,
    reconnectDelayMs: 20,
    reconnectMaxDelayMs: 200,
    ...(extra.token === undefined ? {} : { token: extra.token }),
  });
  cleanups.push(() => transport.close());
  const will = extra.will;
  await transport.connect({
    clientId,
    ...(will === undefined
      ? {}
      : { will: { address: will.address, bytes: text(will.body), retain: will.retain ?? false } }),
  });
  return transport;
}

/**
 * A stand-in for a hub (another implementation, an older version): a WebSocket server on a free
 * loopback port that hands each text message from a client to `onMessage` with a `welcome` to
 * answer hello with, closed after the test. Returns the URL to connect to.
 */
export async function startFakeHub(
  onMessage: (data: string, socket: WebSocket, welcome: Record<string, unknown>) => void,
  welcome: Record<string, unknown> = {},
): Promise<string> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  cleanups.push(
    () =>
      new Promise<void>((done) => {
        for (const client of server.clients) client.terminate();
        server.close(() => done());
      }),
  );
  await new Promise<void>((ready) => server.once("listening", () => ready()));
  const welcomeFrame = {
    type: "welcome",
    features: { retained: true, lastWill: true, groups: true, metadata: true, expiry: true },
    maxFrameBytes: 1_000_000,
    frameFormat: 3,
    ...welcome,
  };
  server.on("connection", (socket) => {
    socket.on("message", (data) => onMessage(String(data), socket, welcomeFrame));
  });
  return `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** Registers a cleanup to run after the test. */
export function onCleanup(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const text = (s: string): Uint8Array => encoder.encode(s);
export const str = (bytes: Uint8Array): string => decoder.decode(bytes);

/** Collects delivered messages; `next()` resolves with the next one (already queued or future). */
export interface Inbox {
  readonly deliver: (message: InboundMessage) => void;
  readonly received: InboundMessage[];
  next(): Promise<InboundMessage>;
  /** Resolves once `count` messages in all have been received. */
  until(count: number): Promise<InboundMessage[]>;
  /** Bodies of everything received so far, as text. */
  bodies(): string[];
}

export function createInbox(): Inbox {
  const received: InboundMessage[] = [];
  let read = 0;
  const waiters: ((message: InboundMessage) => void)[] = [];
  const counters: { count: number; resolve: (all: InboundMessage[]) => void }[] = [];
  return {
    received,
    deliver(message) {
      received.push(message);
      for (const counter of [...counters]) {
        if (received.length < counter.count) continue;
        counters.splice(counters.indexOf(counter), 1);
        counter.resolve(received);
      }
      const waiter = waiters.shift();
      if (waiter) {
        read++;
        waiter(message);
      }
    },
    next() {
      const ready = received[read];
      if (ready) {
        read++;
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiters.push(resolve));
    },
    until(count) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve) => counters.push({ count, resolve }));
    },
    bodies: () => received.map((m) => str(m.bytes)),
  };
}

/** Resolves with the first status that satisfies `predicate`. */
export function waitForStatus(
  transport: Transport,
  predicate: (status: TransportStatus) => boolean,
): Promise<TransportStatus> {
  return new Promise((resolve) => {
    const off = transport.onStatus((status) => {
      if (!predicate(status)) return;
      off();
      resolve(status);
    });
  });
}

/** A bare `ws` socket to the hub that sends and reads frames as raw JSON. */
export interface RawClient {
  readonly socket: WebSocket;
  send(frame: unknown): void;
  sendText(text: string): void;
  /** The next frame from the hub, parsed. */
  next(): Promise<Record<string, unknown>>;
  /** Resolves with the close code. */
  readonly closed: Promise<number>;
}

export async function openRawClient(
  url: string,
  options: { autoPong?: boolean } = {},
): Promise<RawClient> {
  const socket = new WebSocket(url, { autoPong: options.autoPong ?? true });
  const frames: Record<string, unknown>[] = [];
  const waiters: ((frame: Record<string, unknown>) => void)[] = [];
  socket.on("message", (data) => {
    // A `msg` body follows the header line.
    const textOf = String(data);
    const newline = textOf.indexOf("\n");
    const frame = (
      newline < 0
        ? JSON.parse(textOf)
        : { ...JSON.parse(textOf.slice(0, newline)), body: textOf.slice(newline + 1) }
    ) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  });
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  socket.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  cleanups.push(async () => {
    socket.terminate();
  });
  return {
    socket,
    send: (frame) => socket.send(JSON.stringify(frame)),
    sendText: (t) => socket.send(t),
    next() {
      const frame = frames.shift();
      if (frame) return Promise.resolve(frame);
      return new Promise((resolve) => waiters.push(resolve));
    },
    closed,
  };
}

/** A raw client that said hello (in frame format 3 unless `hello` says otherwise) and got welcome. */
export async function helloRawClient(
  url: string,
  hello: Record<string, unknown>,
  options: { autoPong?: boolean } = {},
): Promise<RawClient> {
  const raw = await openRawClient(url, options);
  raw.send({ type: "hello", frameFormat: 3, ...hello });
  const welcome = await raw.next();
  if (welcome.type !== "welcome")
    throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`);
  return raw;
}

/** Resolves when the hub reports `clientId` gone. */
export function clientClosed(
  hub: WebSocketHub,
  clientId: string,
): Promise<{ clientId: string; clean: boolean }> {
  return new Promise((resolve) => {
    const off = hub.onClientClosed((event) => {
      if (event.clientId !== clientId) return;
      off();
      resolve(event);
    });
  });
}
