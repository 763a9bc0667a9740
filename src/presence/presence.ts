/**
 * Presence: telling others we are here and learning who else is. On connect an agent publishes
 * its retained presence card (where the transport retains), broadcasts the seed's
 * `agent_announcement` and an `agent_discovery`. It answers discovery broadcasts with its
 * announcement, sent straight to the asker. Its Last Will clears its card, so others see it go
 * offline at once when its connection dies.
 *
 * With `presence: "cards"` (where the transport has retained messages and a Last Will) that is
 * all: the card carries the agent's load and is republished when it changes, so an idle mesh
 * of N agents sends nothing periodically. With `heartbeats` (the seed's design, and the fallback
 * elsewhere) it also sends a heartbeat to every agent each interval; where there is no Last Will,
 * heartbeats and a goodbye broadcast tell liveness. Heartbeats are heard in both modes: seed
 * agents send them.
 */

import type { LastWill, TransportFeatures } from "../../transports/transport.js";
import type { AgentContext } from "../agent/context.js";
import { PresenceMode } from "../agent/options.js";
import type { AgentAnnouncementBroadcast, AgentDiscoveryBroadcast } from "../generated/types.js";
import type { RequestHandling } from "../inbound/request-handling.js";
import { presenceAddress } from "../wire/addresses.js";
import type { JsonObject } from "../wire/envelope.js";
import { createEnvelope, type Envelope, MessageType, Priority } from "../wire/envelope.js";
import {
  type AgentCard,
  announcedCard,
  isObject,
  readAgentInfo,
  type Sighting,
  stringArray,
} from "./agent-card.js";
import type { Directory } from "./directory.js";

/** Broadcast types the runtime itself uses. */
export const PresenceBroadcast = {
  announcement: "agent_announcement",
  discovery: "agent_discovery",
  departure: "agent_departure",
} as const;

export class Presence {
  /** Our card's `instance_id`: new for each agent object, so others tell a restart from a reconnect. */
  readonly instanceId = crypto.randomUUID();
  readonly #ctx: AgentContext;
  readonly #directory: Directory;
  /** What the card lists (request types) and reports (load). */
  readonly #requests: RequestHandling;
  /** Sends a heartbeat (`heartbeats`) or republishes a card whose load changed (`cards`). */
  #beatTimer: ReturnType<typeof setInterval> | undefined;
  /** What our retained card last said (see `#cardState`). */
  #publishedCard: string | undefined;
  #sweepTimer: ReturnType<typeof setInterval> | undefined;

  constructor(ctx: AgentContext, directory: Directory, requests: RequestHandling) {
    this.#ctx = ctx;
    this.#directory = directory;
    this.#requests = requests;
  }

  /** This agent's card, as announced. */
  card(): AgentCard {
    const { card, contracts, pools } = this.#ctx.options;
    return announcedCard(
      card,
      this.#requests.requestTypes(),
      (type) => contracts?.requests[type],
      this.announcedHeartbeatIntervalMs(),
      pools,
      this.requestsSurviveAbsence(),
      this.instanceId,
    );
  }

  /** The Last Will to register at connect: an empty retained card, meaning "gone". */
  will(features: TransportFeatures): LastWill | undefined {
    if (!features.lastWill || !features.retained) return undefined;
    return {
      address: presenceAddress(this.#ctx.id),
      bytes: new Uint8Array(0),
      retain: true,
      qos: this.#ctx.options.qos.presence,
    };
  }

  /** True when this agent relies on its retained card and Last Will instead of heartbeats. */
  usesCards(): boolean {
    const { presence, transport } = this.#ctx.options;
    const { retained, lastWill } = transport.features;
    return presence === PresenceMode.cards && retained && lastWill;
  }

  /** The heartbeat interval this agent announces in its card: 0 when it sends none. */
  announcedHeartbeatIntervalMs(): number {
    return this.usesCards() ? 0 : this.#ctx.options.heartbeatIntervalMs;
  }

  /** True when the broker holds requests for our inbox while we are away, crashed or not. */
  requestsSurviveAbsence(): boolean {
    const { transport, qos } = this.#ctx.options;
    return transport.features.persistentSession === true && qos.request > 0;
  }

  /** Announces this agent and starts heartbeats (or card refreshes) and the offline sweep. */
  async start(features: TransportFeatures): Promise<void> {
    const cards = this.usesCards();
    await this.announce(features);
    if (this.#ctx.options.discoverOnConnect) {
      await this.#ctx.send(this.#broadcast(PresenceBroadcast.discovery, DISCOVERY), "broadcast");
    }
    const { heartbeatIntervalMs, offlineAfterMs } = this.#ctx.options;
    if (heartbeatIntervalMs > 0) {
      const beat = cards ? () => this.#refreshCard() : () => this.#heartbeat();
      if (!cards) beat();
      this.#beatTimer = setInterval(beat, heartbeatIntervalMs);
    }
    const sweepEvery = Math.max(
      10,
      Math.min(offlineAfterMs, heartbeatIntervalMs || offlineAfterMs) / 2,
    );
    this.#sweepTimer = setInterval(() => this.#directory.sweep(), sweepEvery);
  }

  /** Publishes the retained card (where retained) and broadcasts the announcement. */
  async announce(features: TransportFeatures): Promise<void> {
    // Two envelopes, two ids: a receiver that checks for replays must not see one id twice.
    if (features.retained) await this.#ctx.send(this.#card(), "presence", this.#cardAddress());
    await this.#ctx.send(this.#announcement(null), "broadcast");
  }

  /** Stops timers and says goodbye: broadcasts a departure and clears the retained card. */
  async stop(features: TransportFeatures, connected: boolean): Promise<void> {
    clearInterval(this.#beatTimer);
    clearInterval(this.#sweepTimer);
    this.#beatTimer = undefined;
    this.#sweepTimer = undefined;
    if (!connected) return;
    try {
      await this.#ctx.send(this.#broadcast(PresenceBroadcast.departure, {}), "broadcast");
      if (features.retained) {
        await this.#ctx.options.transport.publish(
          presenceAddress(this.#ctx.id),
          new Uint8Array(0),
          {
            retain: true,
            qos: this.#ctx.options.qos.presence,
          },
        );
      }
    } catch {
      // Closing anyway: others will notice through missed heartbeats.
    }
  }

  /** Handles a presence broadcast; returns false for broadcast types that are not presence's. */
  onBroadcast(envelope: Envelope): boolean {
    const type = envelope.payload.broadcast_type;
    const sender = envelope.sender_id;
    switch (type) {
      case PresenceBroadcast.announcement:
        this.#directory.seen(sender, readAgentInfo(sender, envelope.payload.agent_info));
        return true;
      case PresenceBroadcast.discovery:
        // Proof of life for an agent we know; an unknown one is learnt from its announcement,
        // card or heartbeat, which say what it can do (an entry without them would go online empty).
        if (this.#directory.get(sender)) this.#directory.seen(sender);
        this.#ctx.sendQuietly(this.#announcement(sender), "broadcast");
        return true;
      case PresenceBroadcast.departure:
        this.#directory.markOffline(sender, "departed");
        return true;
      default:
        return false;
    }
  }

  /** A heartbeat: the seed's carries `status` and `capabilities`; Parley's also `load`. */
  onHeartbeat(envelope: Envelope): void {
    const { payload } = envelope;
    const capabilities = stringArray(payload.capabilities);
    const interval =
      typeof payload.heartbeat_interval_ms === "number" ? payload.heartbeat_interval_ms : undefined;
    this.#directory.seen(envelope.sender_id, {
      ...(capabilities ? { capabilities } : {}),
      ...loadOf(payload),
      ...(interval === undefined || interval < 0 ? {} : { heartbeat_interval_ms: interval }),
    });
  }

  /** A retained presence card was cleared (empty body): the agent is gone (its Last Will, or a clean close). */
  onPresenceCleared(agentId: string): void {
    if (agentId !== this.#ctx.id) this.#directory.markOffline(agentId, "connection_lost");
    // Ours, while we are connected: an old connection's Last Will landed after we came back.
    // Without a new card, agents relying on cards would think us gone for good.
    else if (this.#ctx.open) this.#ctx.sendQuietly(this.#card(), "presence", this.#cardAddress());
  }

  /** A retained presence card (already decoded and checked). */
  onPresenceCard(agentId: string, envelope: Envelope): void {
    if (
      agentId === this.#ctx.id ||
      envelope.sender_id !== agentId ||
      !isObject(envelope.payload.agent_info)
    )
      return;
    this.#directory.seen(agentId, {
      ...readAgentInfo(agentId, envelope.payload.agent_info),
      ...loadOf(envelope.payload),
    });
  }

  /** With cards: republishes the retained card when its load or contents are out of date. */
  #refreshCard(): void {
    if (this.#cardState() === this.#publishedCard) return;
    this.#ctx.sendQuietly(this.#card(), "presence", this.#cardAddress());
  }

  /** The retained presence card: the announcement, plus the load (only Parley reads cards). */
  #card(): Envelope {
    this.#publishedCard = this.#cardState();
    return this.#announcement(null, { load: this.#currentLoad() });
  }

  /** What the card says, to tell whether it changed (handlers added, load moved). */
  #cardState(): string {
    return JSON.stringify([this.#currentLoad(), this.card()]);
  }

  #cardAddress(): { address: string; retain: true } {
    return { address: presenceAddress(this.#ctx.id), retain: true };
  }

  #currentLoad(): number {
    return Math.round(this.#requests.load() * 1000) / 1000;
  }

  #heartbeat(): void {
    const card = this.card();
    const heartbeat = createEnvelope({
      sender_id: this.#ctx.id,
      recipient_id: null,
      message_type: MessageType.heartbeat,
      priority: Priority.low,
      payload: {
        status: "active",
        capabilities: [...card.capabilities],
        load: this.#currentLoad(),
        heartbeat_interval_ms: card.heartbeat_interval_ms,
      },
    });
    this.#ctx.sendQuietly(heartbeat, "heartbeat");
  }

  /** The seed's announcement, to everyone (recipient null) or straight to one asker. */
  #announcement(recipient: string | null, extra: JsonObject = {}): Envelope {
    const card = this.card();
    // Typed by the agent_announcement contract's generated type: a card that broke it would not compile.
    const announcement: AgentAnnouncementBroadcast = {
      agent_info: {
        ...card,
        capabilities: [...card.capabilities],
        request_types: [...card.request_types],
        pools: [...card.pools],
      },
      ...extra,
    };
    return createEnvelope({
      sender_id: this.#ctx.id,
      recipient_id: recipient,
      message_type: MessageType.broadcast,
      priority: Priority.high,
      payload: { broadcast_type: PresenceBroadcast.announcement, ...announcement },
    });
  }

  #broadcast(type: string, payload: Record<string, unknown>): Envelope {
    return createEnvelope({
      sender_id: this.#ctx.id,
      recipient_id: null,
      message_type: MessageType.broadcast,
      payload: { broadcast_type: type, ...payload },
    });
  }
}

/** The seed's discovery broadcast, as its contract types it. */
const DISCOVERY: AgentDiscoveryBroadcast = { requesting_capabilities: true };

/** The load a heartbeat or card reports, as a sighting (nothing when absent or not a number). */
function loadOf(payload: JsonObject): Pick<Sighting, "load"> {
  const { load } = payload;
  return typeof load === "number" && Number.isFinite(load) ? { load } : {};
}
