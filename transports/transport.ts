/**
 * The one interface every Parley transport implements. Core code (`src/`) talks to the
 * network only through it, so the same agent runs over memory, MQTT, NATS and WebSocket.
 *
 * Addresses and patterns are logical and slash-separated, as in the seed protocol:
 * `a2a/{agent}/{message_type}` and `a2a/broadcast/{message_type}`. Patterns may use MQTT-style
 * wildcards: `+` matches exactly one level, `#` (last level only) matches zero or more levels.
 * Each transport maps them to its own syntax (NATS: `.`, `*`, `>`).
 */

/** What a transport (and the broker behind it) can do; the agent adapts to what is missing. */
export interface TransportFeatures {
  /** A published message may be retained for later subscribers (MQTT retain). */
  readonly retained: boolean;
  /** A message published by the broker when the connection dies uncleanly (MQTT Last Will). */
  readonly lastWill: boolean;
  /** Subscriptions sharing a group name split the messages between them (MQTT `$share`, NATS queue groups). */
  readonly groups: boolean;
  /** String key/value metadata travels beside the bytes (MQTT 5 user properties, NATS headers). */
  readonly metadata: boolean;
  /** The broker drops a message whose expiry passed before delivery (MQTT 5 message expiry). */
  readonly expiry: boolean;
  /**
   * The broker keeps this connection's session while it is away, crashed or not: its
   * subscriptions stay, and messages for them (QoS 1 and up) wait for it to come back (MQTT
   * `clean: false` with a session expiry). Others' requests to a crashed agent then still reach
   * it on its return, so callers keep waiting for them. Absent means false.
   */
  readonly persistentSession?: boolean;
}

/** Quality of service for one publish; transports without QoS levels ignore it. */
export type QoS = 0 | 1 | 2;

/** Per-publish options. */
export interface PublishOptions {
  /** Delivery guarantee where the transport has levels. @default the transport's own default (MQTT: 1) */
  readonly qos?: QoS;
  /** Keep this message for subscribers that arrive later; an empty body clears it. @default false */
  readonly retain?: boolean;
  /** Seconds after which the broker may drop the message undelivered (where `features.expiry`). */
  readonly expirySeconds?: number;
  /** Metadata carried beside the bytes (where `features.metadata`). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A message the broker publishes on our behalf when our connection dies uncleanly. */
export interface LastWill {
  readonly address: string;
  readonly bytes: Uint8Array;
  readonly retain?: boolean;
  readonly qos?: QoS;
}

/** Options for {@link Transport.connect}. */
export interface ConnectOptions {
  /** Stable identity of this connection (MQTT client id, NATS connection name). */
  readonly clientId: string;
  /** Set where `features.lastWill`; ignored elsewhere. */
  readonly will?: LastWill;
}

/** One message as delivered to a subscriber. */
export interface InboundMessage {
  /** The logical address the message was published to. */
  readonly address: string;
  readonly bytes: Uint8Array;
  /** Metadata from the publisher; empty where the transport carries none. */
  readonly metadata: Readonly<Record<string, string>>;
  /** True when the broker delivered a stored retained message. */
  readonly retained: boolean;
}

/** Options for {@link Transport.subscribe}. */
export interface SubscribeOptions {
  /** Share the messages with other subscribers of the same group (where `features.groups`). */
  readonly group?: string;
  /** Delivery guarantee for this subscription where the transport has levels. @default 0 */
  readonly qos?: QoS;
}

/** A live subscription. */
export interface Subscription {
  unsubscribe(): Promise<void>;
}

/** Connection states a transport reports. */
export const TransportState = {
  connected: "connected",
  reconnecting: "reconnecting",
  disconnected: "disconnected",
  closed: "closed",
} as const;
export type TransportState = (typeof TransportState)[keyof typeof TransportState];

/** A change of connection state. `resumed` is true on a reconnect (subscriptions restored). */
export interface TransportStatus {
  readonly state: TransportState;
  readonly resumed?: boolean;
  readonly error?: Error;
}

/** Receives every delivered message of one subscription. Must not throw. */
export type Deliver = (message: InboundMessage) => void;

/**
 * The one promise a transport's `publish` returns when the message left synchronously: already
 * fulfilled, and known to be, so the agent attaches no handler to it and schedules nothing. A
 * promise per message and the reactions chained to it cost more than a small message's publish.
 */
export const PUBLISHED: Promise<void> = Promise.resolve();

/** A connection to some messaging fabric. Implementations live under `transports/<name>/`. */
export interface Transport {
  /** Short name for logs and errors (`memory`, `mqtt`, `nats`, `websocket`). */
  readonly name: string;
  /**
   * What the transport supports. `retained` and `lastWill` must be right before `connect()` (the
   * agent sets its Last Will there); the rest may change once `connect()` has learnt what the
   * broker supports.
   */
  readonly features: TransportFeatures;
  connect(options: ConnectOptions): Promise<void>;
  /** Closes cleanly: no Last Will is published. Idempotent. */
  close(): Promise<void>;
  /**
   * Publishes one message. A transport that has handed the message over by the time it returns
   * (nothing left to wait for at this QoS) may return {@link PUBLISHED}, which lets the caller
   * skip waiting on it; any other promise is waited on. Fails with a rejection, never a throw.
   */
  publish(address: string, bytes: Uint8Array, options?: PublishOptions): Promise<void>;
  subscribe(pattern: string, deliver: Deliver, options?: SubscribeOptions): Promise<Subscription>;
  /** Listens for connection state changes; returns a function that stops listening. */
  onStatus(listener: (status: TransportStatus) => void): () => void;
}
