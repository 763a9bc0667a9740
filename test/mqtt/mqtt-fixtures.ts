/**
 * Brokers and small helpers for the MQTT transport tests: every broker is real (a private
 * mosquitto, the embedded aedes), and every wait is for an event, never for time.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createMqttTransport, type MqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import type { MqttTransportOptions } from "../../transports/mqtt/mqtt-transport-options.js";
import type {
  Deliver,
  InboundMessage,
  Transport,
  TransportStatus,
} from "../../transports/transport.js";
import {
  type RunningBroker,
  startEmbeddedBroker,
  startMosquittoBroker,
} from "../harness/mqtt-brokers.js";

export type { RunningBroker };

/** One broker flavour and how the transport is pinned for it. */
export interface BrokerKind {
  readonly name: string;
  readonly protocolVersion: 5 | 4 | undefined;
  start(): Promise<RunningBroker>;
}

export const MOSQUITTO_V5: BrokerKind = {
  name: "mosquitto, MQTT 5",
  protocolVersion: 5,
  start: () => startMosquittoBroker(),
};
export const MOSQUITTO_V311: BrokerKind = {
  name: "mosquitto, MQTT 3.1.1",
  protocolVersion: 4,
  start: () => startMosquittoBroker(),
};
export const EMBEDDED_AEDES: BrokerKind = {
  name: "embedded aedes",
  protocolVersion: undefined,
  start: startEmbeddedBroker,
};
export const ALL_BROKERS = [MOSQUITTO_V5, MOSQUITTO_V311, EMBEDDED_AEDES] as const;

/** Makes transports on one broker and closes them all at the end. */
export function transportFactory(kind: BrokerKind, broker: () => RunningBroker) {
  const made: MqttTransport[] = [];
  return {
    create(options: Partial<MqttTransportOptions> = {}): MqttTransport {
      const transport = createMqttTransport({
        url: broker().url,
        reconnectPeriodMs: 100,
        ...(kind.protocolVersion === undefined ? {} : { protocolVersion: kind.protocolVersion }),
        ...options,
      });
      made.push(transport);
      return transport;
    },
    async connected(options: Partial<MqttTransportOptions> = {}): Promise<MqttTransport> {
      const transport = this.create(options);
      await transport.connect({ clientId: uniqueId("client") });
      return transport;
    },
    async closeAll(): Promise<void> {
      await Promise.all(made.splice(0).map((t) => t.close()));
    },
  };
}

/**
 * Registers hooks that start `kind`'s broker before the tests of the enclosing `describe`, close
 * the transports each test made, and stop the broker at the end; returns the transport factory.
 */
export function useBroker(kind: BrokerKind) {
  let broker: RunningBroker | undefined;
  const current = (): RunningBroker => {
    if (!broker) throw new Error(`${kind.name} is not running`);
    return broker;
  };
  const transports = transportFactory(kind, current);
  beforeAll(async () => {
    broker = await kind.start();
  }, 30_000);
  afterEach(() => transports.closeAll());
  afterAll(() => broker?.stop());
  return { ...transports, broker: current };
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (message: InboundMessage): string => new TextDecoder().decode(message.bytes);

/** Collects what one subscription receives and lets a test wait for it. */
export interface Inbox {
  readonly deliver: Deliver;
  readonly messages: InboundMessage[];
  /** Resolves with the first message (already received or future) that satisfies `match`. */
  next(match?: (message: InboundMessage) => boolean): Promise<InboundMessage>;
  /** Resolves once `count` messages have arrived. */
  count(count: number): Promise<InboundMessage[]>;
}

export function createInbox(): Inbox {
  const messages: InboundMessage[] = [];
  const waiters = new Set<() => void>();
  const until = <T>(check: () => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return;
        waiters.delete(attempt);
        resolve(value);
      };
      waiters.add(attempt);
      attempt();
    });
  return {
    messages,
    deliver(message) {
      messages.push(message);
      for (const waiter of [...waiters]) waiter();
    },
    next: (match = () => true) => until(() => messages.find(match)),
    count: (count) => until(() => (messages.length >= count ? messages.slice() : undefined)),
  };
}

/**
 * Waits until everything published before now to `transport`'s subscriptions has arrived: one
 * connection's deliveries come in order, so a message the transport sends itself comes last.
 */
export async function fence(transport: Transport): Promise<void> {
  const address = `fence/${randomUUID()}`;
  const inbox = createInbox();
  const subscription = await transport.subscribe(address, inbox.deliver);
  await transport.publish(address, bytes("fence"), { qos: 1 });
  await inbox.next();
  await subscription.unsubscribe();
}

/** Records a transport's status events; `next` waits for one (seen so far or later) that matches. */
export function watchStatus(transport: Transport) {
  const seen: TransportStatus[] = [];
  const waiters = new Set<() => void>();
  transport.onStatus((status) => {
    seen.push(status);
    for (const waiter of [...waiters]) waiter();
  });
  return {
    seen,
    next(match: (status: TransportStatus) => boolean, from = 0): Promise<TransportStatus> {
      return new Promise((resolve) => {
        const attempt = () => {
          const found = seen.slice(from).find(match);
          if (!found) return;
          waiters.delete(attempt);
          resolve(found);
        };
        waiters.add(attempt);
        attempt();
      });
    },
  };
}
