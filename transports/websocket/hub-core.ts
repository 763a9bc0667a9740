/**
 * The hub's routing core, free of sockets: connected clients by id, subscriptions, retained
 * messages, Last Wills, and the hand-off of client messages to the bridge.
 */
import { encodingOf, type FrameBody } from "./body-encoding.js";
import {
  FRAME_FORMAT,
  FrameError,
  type HelloFrame,
  HUB_FEATURES,
  HubCloseCode,
  type SubFrame,
} from "./frames.js";
import { createHeldMessages, type HeldStats } from "./held-messages.js";
import type { HubSession } from "./hub-session.js";
import { createRetainedStore } from "./retained-store.js";
import { createSubscriptionTable, isObserverPattern } from "./subscription-table.js";

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
  readonly maxRetainedBytes: number;
  readonly maxHeldMessages: number;
  readonly maxHeldBytes: number;
  readonly maxHeldSeconds: number;
  readonly maxSubscriptionsPerClient: number;
  readonly maxFrameBytes: number;
  /**
   * Receives every message hub clients publish, Last Wills included; true when it took the
   * message (the bridge carries it on), false when it did not (outside the bridge's pattern).
   */
  readonly forward?: (message: HubMessage) => boolean;
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
  /**
   * Routes a message to matching subscriptions. `acked`: the client waits for an ack (QoS 1), so
   * with no subscription the message is held for the next matching one (see `held-messages.ts`).
   * Throws FrameError when it can be neither retained nor held: the client's publish then fails.
   */
  publish(message: HubMessage, origin: HubOrigin, acked?: boolean): void;
  /** The live session of a client id. */
  session(clientId: string): HubSession | undefined;
  sessions(): IterableIterator<HubSession>;
  subscriptionCount(): number;
  retainedCount(): number;
  retainedBytes(): number;
  heldStats(): HeldStats;
  /** Retained messages hub clients published, as messages to bridge out again. */
  localRetained(): HubMessage[];
}

/** Creates an empty core: no clients, subscriptions or retained messages. */
export function createHubCore(options: HubCoreOptions): HubCore {
  const clients = new Map<string, HubSession>();
  const table = createSubscriptionTable<HubSession>();
  const retained = createRetainedStore(options.maxRetainedMessages, options.maxRetainedBytes);
  const held = createHeldMessages({
    maxMessages: options.maxHeldMessages,
    maxBytes: options.maxHeldBytes,
    maxSeconds: options.maxHeldSeconds,
  });

  /**
   * Sends the message to every matching subscription (`recipientsOnly`: but observers); true
   * when a recipient (a subscription without `#`) was among them.
   */
  function route(message: HubMessage, recipientsOnly = false): boolean {
    const { owners, recipients } = table.route(message.address, recipientsOnly);
    for (const [session, subs] of owners) {
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
    return recipients;
  }

  function publish(message: HubMessage, origin: HubOrigin, acked = false): void {
    const stored =
      message.retain && retained.put(message, message.expirySeconds, origin === "client");
    if (stored === "addresses" || stored === "bytes") {
      const limit = stored === "addresses" ? options.maxRetainedMessages : options.maxRetainedBytes;
      throw new FrameError(`retained store is full (${limit} ${stored})`);
    }
    const routed = route(message);
    const bridged = origin === "client" && options.forward?.(message) === true;
    // A retained message is kept anyway; one the client does not wait on may be dropped (QoS 0).
    if (routed || message.retain || !acked || message.expirySeconds === 0) return;
    // Bridged, it may have a subscriber beyond the bridge: held here only while there is room.
    if (held.hold(message, message.expirySeconds, !bridged) || bridged) return;
    throw new FrameError(
      `no subscriber for ${message.address} and the hub holds no more messages for later ones ` +
        `(${options.maxHeldMessages} messages, ${options.maxHeldBytes} bytes): publish again later`,
    );
  }

  /**
   * Hands the held messages a new recipient subscription matches to every matching recipient.
   * Observers got them when they were published; a new one takes none (it would empty the store
   * before the recipients are back).
   */
  function deliverHeld(pattern: string): void {
    if (isObserverPattern(pattern)) return;
    for (const content of held.take(pattern)) {
      route({ ...content, retain: false, expirySeconds: undefined }, true);
    }
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
      clients.set(hello.clientId, session);
      session.send({
        type: "welcome",
        features: HUB_FEATURES,
        maxFrameBytes: options.maxFrameBytes,
        frameFormat: FRAME_FORMAT,
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
      // Held messages go to groups too (a request to a worker pool): through the whole table.
      deliverHeld(frame.pattern);
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
    retainedBytes: () => retained.bytes,
    heldStats: () => held.stats(),
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
