/**
 * Opens one mqtt.js client and waits for the broker's CONNACK: MQTT 5 first, MQTT 3.1.1 when the
 * broker refuses version 5 (unless the caller pinned a version). A failed attempt rejects with a
 * one-line error and leaves no client and no reconnect timer behind.
 */
import type { IClientOptions, IConnackPacket, IPublishPacket, MqttClient } from "mqtt";
import { importOptional } from "../../src/util/optional-package.js";
import type { LastWill } from "../transport.js";
import { toBuffer } from "./mqtt-message.js";
import type { ResolvedMqttTransportOptions } from "./mqtt-transport-options.js";
import { tcpSocketOf } from "./tcp-socket.js";

/** One PUBLISH as mqtt.js's "message" event hands it over. */
export type ReceivedPublish = readonly [topic: string, payload: Buffer, packet: IPublishPacket];

/** A client the broker accepted. */
export interface OpenedConnection {
  readonly client: MqttClient;
  readonly protocolVersion: 5 | 4;
  readonly connack: IConnackPacket;
  /**
   * Stops collecting and returns the PUBLISHes received since CONNACK. A resumed session sends
   * what the broker queued at once, before the caller can have a listener of its own.
   */
  takeEarlyMessages(): ReceivedPublish[];
}

/** mqtt.js's default export, which has `connect`. */
type MqttLibrary = typeof import("mqtt")["default"];

/**
 * mqtt.js, imported at connect time: an optional peer dependency. The default export, because
 * mqtt.js's browser build (which bundlers pick) has no named exports.
 */
async function loadMqtt(): Promise<MqttLibrary> {
  const mqtt = await importOptional(["mqtt"], "parley-a2a/transports/mqtt", () => import("mqtt"));
  return mqtt.default;
}

/** CONNACK codes that mean "I do not speak this protocol version" (3.1.1: 1, MQTT 5: 0x84). */
const UNSUPPORTED_PROTOCOL_CODES = new Set([1, 0x84]);

class AttemptFailed extends Error {
  override readonly name = "AttemptFailed";
  constructor(
    readonly reason: Error,
    /** The broker answered or hung up in a way that says it does not speak this version. */
    readonly protocolRefused: boolean,
  ) {
    super(reason.message, { cause: reason });
  }
}

function reasonCode(error: Error): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "number" ? code : undefined;
}

/**
 * Turns off Nagle's algorithm: with QoS 1 it holds small packets back ~40 ms per round trip.
 * Called once the broker answered: Node drops a `setNoDelay` made while the socket is still
 * connecting (and then ignores a repeated one), so earlier is not better.
 */
function setNoDelay(client: MqttClient): void {
  tcpSocketOf(client.stream)?.setNoDelay(true);
}

/**
 * mqtt.js waits for `drain` with one listener per packet written while the socket's buffer is
 * full, so a burst of over ten (then a thousand) publishes made Node warn of a listener leak
 * that is not one: the listeners go with the buffered packets. No limit on this socket.
 */
function allowDrainListeners(client: MqttClient): void {
  client.stream.setMaxListeners(0);
}

/**
 * mqtt.js logs each step of every packet through the `debug` package; the check whether that
 * logging is on is a noticeable share of a round trip's CPU, paid even with logging off. Unless `DEBUG`
 * (the `debug` package's switch) is set, the client gets a logger that does nothing.
 */
function quietLog(): Pick<IClientOptions, "log"> {
  return globalThis.process?.env?.DEBUG ? {} : { log: ignoreLog };
}

function ignoreLog(): void {}

function clientOptions(
  options: ResolvedMqttTransportOptions,
  version: 5 | 4,
  clientId: string,
  will: LastWill | undefined,
): IClientOptions {
  const ca = options.ca;
  return {
    protocolVersion: version,
    clientId,
    clean: options.clean,
    keepalive: options.keepaliveSeconds,
    reconnectPeriod: options.reconnectPeriodMs,
    connectTimeout: options.connectTimeoutMs,
    // The transport restores subscriptions itself, so it knows when they are back.
    resubscribe: false,
    timerVariant: options.timers,
    ...quietLog(),
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(ca === undefined ? {} : { ca: isStringList(ca) ? [...ca] : ca }),
    ...(options.cert === undefined ? {} : { cert: options.cert }),
    ...(options.key === undefined ? {} : { key: options.key }),
    rejectUnauthorized: options.rejectUnauthorized,
    ...(version === 5 && options.sessionExpirySeconds > 0
      ? { properties: { sessionExpiryInterval: options.sessionExpirySeconds } }
      : {}),
    ...(will === undefined
      ? {}
      : {
          will: {
            topic: will.address,
            payload: toBuffer(will.bytes),
            qos: will.qos ?? options.qos,
            retain: will.retain ?? false,
          },
        }),
  };
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value);
}

function attempt(
  mqtt: MqttLibrary,
  options: ResolvedMqttTransportOptions,
  version: 5 | 4,
  clientId: string,
  will: LastWill | undefined,
): Promise<OpenedConnection> {
  const client = mqtt.connect(options.url, clientOptions(options, version, clientId, will));
  // Every (re)connection gets a new socket; this listener comes first, before any traffic.
  client.on("connect", () => {
    setNoDelay(client);
    allowDrainListeners(client);
  });
  const early: ReceivedPublish[] = [];
  const collect = (...publish: ReceivedPublish) => early.push(publish);
  client.on("message", collect);
  const takeEarlyMessages = () => {
    client.removeListener("message", collect);
    return early.splice(0);
  };
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    // mqtt.js has its own CONNACK timer; this guard only makes sure we never wait forever.
    const guard = setTimeout(
      () => fail(new Error(`no CONNACK within ${options.connectTimeoutMs} ms`), false),
      options.connectTimeoutMs + 1000,
    );
    const onConnect = (connack: IConnackPacket) => {
      cleanup();
      resolve({ client, protocolVersion: version, connack, takeEarlyMessages });
    };
    const onError = (error: Error) => {
      lastError = error;
      const code = reasonCode(error);
      // A CONNACK refusal ends the client; errors without a reason code are followed by "close".
      if (code !== undefined) fail(error, UNSUPPORTED_PROTOCOL_CODES.has(code));
    };
    // Closed before any CONNACK: a broker that hangs up on an unknown version looks like this.
    const onClose = () =>
      fail(
        lastError ?? new Error("the broker closed the connection before CONNACK"),
        lastError === undefined,
      );
    function cleanup(): void {
      clearTimeout(guard);
      client.removeListener("connect", onConnect);
      client.removeListener("error", onError);
      client.removeListener("close", onClose);
    }
    function fail(error: Error, protocolRefused: boolean): void {
      cleanup();
      client.end(true);
      reject(new AttemptFailed(error, protocolRefused));
    }
    client.on("connect", onConnect);
    client.on("error", onError);
    client.on("close", onClose);
  });
}

/** One line about why a connection failed; OpenSSL errors by their short reason. */
function describe(reason: unknown): string {
  if (!(reason instanceof Error)) return String(reason);
  const { library, reason: why } = reason as { library?: unknown; reason?: unknown };
  if (typeof library === "string" && typeof why === "string") return `TLS error: ${why}`;
  return reason.message.split("\n")[0] ?? reason.message;
}

/** Connects to the broker; rejects with `mqtt: cannot connect to URL: reason` (cause attached). */
export async function openConnection(
  options: ResolvedMqttTransportOptions,
  clientId: string,
  will: LastWill | undefined,
): Promise<OpenedConnection> {
  const failure = (error: unknown) => {
    const reason = error instanceof AttemptFailed ? error.reason : error;
    return new Error(`mqtt: cannot connect to ${options.displayUrl}: ${describe(reason)}`, {
      cause: reason,
    });
  };
  const mqtt = await loadMqtt();
  try {
    return await attempt(mqtt, options, options.protocolVersion ?? 5, clientId, will);
  } catch (error) {
    if (
      options.protocolVersion !== undefined ||
      !(error instanceof AttemptFailed) ||
      !error.protocolRefused
    ) {
      throw failure(error);
    }
  }
  try {
    return await attempt(mqtt, options, 4, clientId, will);
  } catch (error) {
    throw failure(error);
  }
}
