/**
 * Options of the MQTT transport, their defaults, and the one function that checks and fills them.
 */
import type { QoS } from "../transport.js";
import type { MAX_SESSION_BACKLOG } from "./session-backlog.js";

/** TLS material: PEM text or buffers. */
export type TlsMaterial = string | Buffer;

/** Options for {@link createMqttTransport}. */
export interface MqttTransportOptions {
  /**
   * Broker URL: `mqtt://host:port` (plain TCP) or `mqtts://host:port` (TLS), `tcp:`, `ssl:` and
   * `tls:` too; or MQTT over WebSockets, `ws://host:port/path` or `wss://host:port/path` (the
   * only ones a browser can use; mosquitto: a `protocol websockets` listener). Credentials in the
   * URL (`mqtt://user:pass@host`) are used when `username`/`password` are not given.
   */
  readonly url: string;
  /**
   * MQTT protocol version: 5 (MQTT 5.0) or 4 (MQTT 3.1.1). Unset, the transport tries MQTT 5 and
   * falls back to 3.1.1 when the broker refuses the protocol version (as aedes 1.2 does).
   * @default undefined (5, with fallback to 4)
   */
  readonly protocolVersion?: 5 | 4;
  /** User name sent in CONNECT. @default the URL's user, if any */
  readonly username?: string;
  /** Password sent in CONNECT. @default the URL's password, if any */
  readonly password?: string;
  /** Trusted CA certificates for `mqtts://` and `wss://` in Node (PEM); a browser uses its own. @default Node's bundled CAs */
  readonly ca?: TlsMaterial | readonly string[];
  /** Client certificate for mutual TLS (PEM). Needs `key`. */
  readonly cert?: TlsMaterial;
  /** Private key of the client certificate (PEM). Needs `cert`. */
  readonly key?: TlsMaterial;
  /** Reject a broker whose certificate does not verify against `ca`. @default true */
  readonly rejectUnauthorized?: boolean;
  /** QoS of publishes, subscriptions and the Last Will that do not name one. @default 1 */
  readonly qos?: QoS;
  /**
   * Start a clean session. `false` asks the broker to keep subscriptions and queued QoS 1/2
   * messages while disconnected (MQTT 5: for `sessionExpirySeconds`). A new transport resuming the
   * session (same client id) holds what the broker sends before it subscribes, for the matching
   * subscription (at most {@link MAX_SESSION_BACKLOG} messages). A session kept after a crash
   * (`features.persistentSession`) makes an agent's card say `requests_survive_absence`: its
   * callers keep waiting on their requests to it while it is away. @default true
   */
  readonly clean?: boolean;
  /** MQTT 5 only: how long the broker keeps the session after a disconnect. @default 0 */
  readonly sessionExpirySeconds?: number;
  /** Keep-alive interval announced to the broker, in seconds. @default 30 */
  readonly keepaliveSeconds?: number;
  /** Delay between reconnect attempts after the connection is lost; 0 turns reconnecting off. @default 1000 */
  readonly reconnectPeriodMs?: number;
  /** How long one connection attempt (TCP, TLS and CONNACK) may take. @default 10000 */
  readonly connectTimeoutMs?: number;
  /**
   * Whether the broker splits messages between `$share/{group}/` subscribers. `"detect"` reads the
   * MQTT 5 CONNACK and, on MQTT 3.1.1, probes the broker once at connect with a throw-away shared
   * subscription on `parley/_probe/{uuid}/…` (answered at once by brokers that deliver it; an
   * unanswered probe counts as "no" after `connectTimeoutMs`). @default "detect"
   */
  readonly sharedSubscriptions?: "detect" | boolean;
  /**
   * The timer behind the keep-alive pings (mqtt.js's `timerVariant`). `"auto"`: in a browser a
   * Web Worker's timer, which a hidden tab does not slow down; it is made from a `blob:` URL, so
   * a Content-Security-Policy must allow `worker-src blob:` (if it blocks the worker, no pings
   * go out and the broker drops the connection every 1.5 keep-alive intervals). `"native"`:
   * `setInterval`, which needs nothing of the policy (a hidden tab may slow it). Node always
   * uses `setInterval`.
   * @default "auto"
   */
  readonly timers?: "auto" | "native";
}

/** Default QoS of publishes, subscriptions and the Last Will. */
export const DEFAULT_MQTT_QOS: QoS = 1;
/** Default keep-alive interval in seconds. */
export const DEFAULT_MQTT_KEEPALIVE_SECONDS = 30;
/** Default delay between reconnect attempts. */
export const DEFAULT_MQTT_RECONNECT_PERIOD_MS = 1000;
/** Default time one connection attempt may take. */
export const DEFAULT_MQTT_CONNECT_TIMEOUT_MS = 10_000;

/** {@link MqttTransportOptions} after checking, with every default filled in. */
export interface ResolvedMqttTransportOptions {
  readonly url: string;
  /** `url` without credentials, for messages. */
  readonly displayUrl: string;
  readonly protocolVersion: 5 | 4 | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly ca: TlsMaterial | readonly string[] | undefined;
  readonly cert: TlsMaterial | undefined;
  readonly key: TlsMaterial | undefined;
  readonly rejectUnauthorized: boolean;
  readonly qos: QoS;
  readonly clean: boolean;
  readonly sessionExpirySeconds: number;
  readonly keepaliveSeconds: number;
  readonly reconnectPeriodMs: number;
  readonly connectTimeoutMs: number;
  readonly sharedSubscriptions: "detect" | boolean;
  readonly timers: "auto" | "native";
}

const SCHEMES = new Set(["mqtt:", "mqtts:", "tcp:", "ssl:", "tls:", "ws:", "wss:"]);

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`mqtt transport: ${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

/** Checks the options and fills in defaults; throws a clear `TypeError` for bad values or combinations. */
export function resolveMqttTransportOptions(
  options: MqttTransportOptions,
): ResolvedMqttTransportOptions {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch (error) {
    throw new TypeError(`mqtt transport: invalid url "${options.url}"`, { cause: error });
  }
  if (!SCHEMES.has(parsed.protocol)) {
    throw new TypeError(
      `mqtt transport: url must start with mqtt://, mqtts://, ws:// or wss://, got "${parsed.protocol}//"`,
    );
  }
  const protocolVersion = options.protocolVersion;
  if (protocolVersion !== undefined && protocolVersion !== 4 && protocolVersion !== 5) {
    throw new TypeError(
      `mqtt transport: protocolVersion must be 5 or 4, got ${String(protocolVersion)}`,
    );
  }
  const qos = options.qos ?? DEFAULT_MQTT_QOS;
  if (qos !== 0 && qos !== 1 && qos !== 2)
    throw new TypeError(`mqtt transport: qos must be 0, 1 or 2, got ${qos}`);
  const sessionExpirySeconds = nonNegativeInteger(
    "sessionExpirySeconds",
    options.sessionExpirySeconds ?? 0,
  );
  if (sessionExpirySeconds > 0 && protocolVersion === 4) {
    throw new TypeError(
      "mqtt transport: sessionExpirySeconds needs MQTT 5, but protocolVersion is 4",
    );
  }
  if ((options.cert === undefined) !== (options.key === undefined)) {
    throw new TypeError("mqtt transport: cert and key must be given together");
  }
  const connectTimeoutMs = nonNegativeInteger(
    "connectTimeoutMs",
    options.connectTimeoutMs ?? DEFAULT_MQTT_CONNECT_TIMEOUT_MS,
  );
  if (connectTimeoutMs === 0)
    throw new TypeError("mqtt transport: connectTimeoutMs must be positive");
  const timers = options.timers ?? "auto";
  if (timers !== "auto" && timers !== "native")
    throw new TypeError(
      `mqtt transport: timers must be "auto" or "native", got "${String(timers)}"`,
    );
  const decode = (part: string) => (part === "" ? undefined : decodeURIComponent(part));
  const displayUrl = new URL(parsed.href);
  displayUrl.username = "";
  displayUrl.password = "";
  return {
    url: options.url,
    displayUrl: displayUrl.href.replace(/\/$/, ""),
    protocolVersion,
    username: options.username ?? decode(parsed.username),
    password: options.password ?? decode(parsed.password),
    ca: options.ca,
    cert: options.cert,
    key: options.key,
    rejectUnauthorized: options.rejectUnauthorized ?? true,
    qos,
    clean: options.clean ?? true,
    sessionExpirySeconds,
    keepaliveSeconds: nonNegativeInteger(
      "keepaliveSeconds",
      options.keepaliveSeconds ?? DEFAULT_MQTT_KEEPALIVE_SECONDS,
    ),
    reconnectPeriodMs: nonNegativeInteger(
      "reconnectPeriodMs",
      options.reconnectPeriodMs ?? DEFAULT_MQTT_RECONNECT_PERIOD_MS,
    ),
    connectTimeoutMs,
    sharedSubscriptions: options.sharedSubscriptions ?? "detect",
    timers,
  };
}
