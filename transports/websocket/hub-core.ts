/**
 * The hub's routing core, free of sockets: connected clients by id, subscriptions, retained
 * messages, Last Wills, and the hand-off of client messages to the bridge.
 */
import type { TransportFeatures } from "../transport.js";
import { encodingOf, type FrameBody } from "./body-encoding.js";
import {
  agreedFrameFormat,
  FrameError,
  type HelloFrame,
  HubCloseCode,
  type SubFrame,
} from "./frames.js";
import type { HubSession } from "./hub-session.js";
import { createRetainedStore } from "./retained-store.js";
import { createSubscriptionTable } from "./subscription-table.js";

/** What the hub offers its clients (announced in `welcome`). */
export const HUB_FEATURES: TransportFeatures = {
  retained: true,
  lastWill: true,
  groups: true,
  metadata: true,
  expiry: true,
};

/** One message travelling through the hub. */
export interface HubMessage extends FrameBody {
  readonly address: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly retain: boolean;
  readonly expirySeconds: number | undefined;
  /** Deliver it flagged as retained (a stored message the bridge replays). @default false */
  readonly replayed?: boolean;
}

/** Where a message came from: a hub client (bridged out) or the bridge (not bridged back). */
export type HubOrigin = "client" | "bridge";

/** Limits and hooks of the routing core. */
export interface HubCoreOptions {
  readonly maxRetainedMessages: number;
  readonly maxSubscriptionsPerClient: number;
  readonly maxFrameBytes: number;
  /** Receives every message hub clients publish, Last Wills included. */
  readonly forward?: (message: HubMessage) => void;
  /** Called when a client's connection is gone, after its Last Will (if any) was published. */
  readonly detached?: (clientId: string, clean: boolean) => void;
}

/** The routing core; see {@link createHubCore}. */
export interface HubCore {
  /** Registers a client that said hello (and passed the token check); answers `welcome`. */
  attach(session: HubSession, hello: HelloFrame): void;
  /** Forgets a closed connection; publishes its Last Will unless it ended cleanly. */
  detach(session: HubSession): void;
  subscribe(session: HubSession, frame: SubFrame): void;
  unsubscribe(session: HubSession, id: string): void;
  /** Routes a message to matching subscriptions. Throws FrameError when it cannot be retained. */
  publish(message: HubMessage, origin: HubOrigin): void;
  /** The live session of a client id. */
  session(clientId: string): HubSession | undefined;
  sessions(): IterableIterator<HubSession>;
  subscriptionCount(): number;
  retainedCount(): number;
  /** Retained messages hub clients published, as messages to bridge out again. */
  localRetained(): HubMessage[];
}

/** Creates an empty core: no clients, subscriptions or retained messages. */
export function createHubCore(options: HubCoreOptions): HubCore {
  const clients = new Map<string, HubSession>();
  const table = createSubscriptionTable<HubSession>();
  const retained = createRetainedStore(options.maxRetainedMessages);

  function publish(message: HubMessage, origin: HubOrigin): void {
    if (message.retain && !retained.put(message, message.expirySeconds, origin === "client")) {
      throw new FrameError(`retained store is full (${options.maxRetainedMessages} addresses)`);
    }
    for (const [session, subs] of table.route(message.address)) {
      session.send({
        type: "msg",
        subs,
        address: message.address,
        body: message.body,
        encoding: message.encoding,
        metadata: message.metadata,
        retained: message.replayed ?? false,
      });
    }
    if (origin === "client") options.forward?.(message);
  }

  return {
    attach(session, hello) {
      const previous = clients.get(hello.clientId);
      if (previous) {
        // MQTT's session takeover: the old connection goes, without its Last Will.
        previous.clean = true;
        clients.delete(hello.clientId);
        table.removeOwner(previous);
        previous.socket.close(
          HubCloseCode.takenOver,
          "another connection took over this client id",
        );
      }
      session.clientId = hello.clientId;
      session.will = hello.will;
      session.frameFormat = agreedFrameFormat(hello.frameFormat);
      clients.set(hello.clientId, session);
      session.send({
        type: "welcome",
        features: HUB_FEATURES,
        maxFrameBytes: options.maxFrameBytes,
        frameFormat: session.frameFormat,
      });
    },
    detach(session) {
      table.removeOwner(session);
      const id = session.clientId;
      if (id === undefined || clients.get(id) !== session) return;
      clients.delete(id);
      const will = session.will;
      if (!session.clean && will) {
        const { address, body } = will;
        const message = {
          address,
          body,
          ...encodingOf(will),
          metadata: {},
          expirySeconds: undefined,
        };
        try {
          publish({ ...message, retain: will.retain ?? false }, "client");
        } catch {
          // A full retained store refuses the will's retained copy; there is nobody to tell.
        }
      }
      options.detached?.(id, session.clean);
    },
    subscribe(session, frame) {
      if (
        table.count(session) >= options.maxSubscriptionsPerClient &&
        !table.remove(session, frame.id)
      ) {
        throw new FrameError(
          `too many subscriptions (limit ${options.maxSubscriptionsPerClient})`,
          frame.id,
        );
      }
      table.add({ owner: session, id: frame.id, pattern: frame.pattern, group: frame.group });
      // Retained messages go to plain subscriptions only (as with MQTT shared subscriptions),
      // and before the ack, so they have arrived when the client's subscribe() resolves.
      if (frame.group === undefined) {
        for (const message of retained.matching(frame.pattern)) {
          const { address, body, metadata } = message;
          const msg = { address, body, ...encodingOf(message), metadata, retained: true };
          session.send({ type: "msg", subs: [frame.id], ...msg });
        }
      }
      session.ack(frame.id);
    },
    unsubscribe(session, id) {
      table.remove(session, id);
      session.ack(id);
    },
    publish,
    session: (clientId) => clients.get(clientId),
    sessions: () => clients.values(),
    subscriptionCount: () => table.count(),
    retainedCount: () => retained.size,
    localRetained: () => {
      const now = Date.now();
      return retained.local().map((message) => ({
        address: message.address,
        body: message.body,
        ...encodingOf(message),
        metadata: message.metadata,
        retain: true,
        expirySeconds:
          message.expiresAt === undefined
            ? undefined
            : Math.max(1, Math.ceil((message.expiresAt - now) / 1000)),
      }));
    },
  };
}
