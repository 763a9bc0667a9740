/**
 * Presence: telling others we are here and learning who else is. On connect an agent publishes
 * its retained presence card (where the transport retains), broadcasts the seed's
 * `agent_announcement` and an `agent_discovery`, and starts heartbeats. It answers discovery
 * broadcasts with its announcement, sent straight to the asker. Its Last Will clears its card, so
 * others see it go offline at once when its connection dies; where there is no Last Will,
 * heartbeats and a goodbye broadcast do the job.
 */

import type { LastWill, TransportFeatures } from "../transports/transport.js";
import { presenceAddress } from "./addresses.js";
import { type AgentCard, isObject, readAgentInfo, stringArray } from "./agent-card.js";
import type { AgentCore } from "./agent-core.js";
import type { Directory } from "./directory.js";
import { createEnvelope, type Envelope, MessageType, Priority } from "./envelope.js";

/** Broadcast types the runtime itself uses. */
export const PresenceBroadcast = {
  announcement: "agent_announcement",
  discovery: "agent_discovery",
  departure: "agent_departure",
} as const;

export class Presence {
  readonly #core: AgentCore;
  readonly #directory: Directory;
  readonly #card: () => AgentCard;
  readonly #load: () => number;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  #sweepTimer: ReturnType<typeof setInterval> | undefined;

  constructor(core: AgentCore, directory: Directory, card: () => AgentCard, load: () => number) {
    this.#core = core;
    this.#directory = directory;
    this.#card = card;
    this.#load = load;
  }

  /** The Last Will to register at connect: an empty retained card, meaning "gone". */
  will(features: TransportFeatures): LastWill | undefined {
    if (!features.lastWill || !features.retained) return undefined;
    return {
      address: presenceAddress(this.#core.id),
      bytes: new Uint8Array(0),
      retain: true,
      qos: this.#core.options.qos.presence,
    };
  }

  /** Announces this agent and starts heartbeats and the offline sweep. */
  async start(features: TransportFeatures): Promise<void> {
    await this.announce(features);
    if (this.#core.options.discoverOnConnect) {
      await this.#core.send(
        this.#broadcast(PresenceBroadcast.discovery, { requesting_capabilities: true }),
        "broadcast",
      );
    }
    const { heartbeatIntervalMs, offlineAfterMs } = this.#core.options;
    if (heartbeatIntervalMs > 0) {
      this.#heartbeat();
      this.#heartbeatTimer = setInterval(() => this.#heartbeat(), heartbeatIntervalMs);
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
    if (features.retained) {
      await this.#core.send(this.#announcement(null), "presence", {
        address: presenceAddress(this.#core.id),
        retain: true,
      });
    }
    await this.#core.send(this.#announcement(null), "broadcast");
  }

  /** Stops timers and says goodbye: broadcasts a departure and clears the retained card. */
  async stop(features: TransportFeatures, connected: boolean): Promise<void> {
    clearInterval(this.#heartbeatTimer);
    clearInterval(this.#sweepTimer);
    this.#heartbeatTimer = undefined;
    this.#sweepTimer = undefined;
    if (!connected) return;
    try {
      await this.#core.send(this.#broadcast(PresenceBroadcast.departure, {}), "broadcast");
      if (features.retained) {
        await this.#core.options.transport.publish(
          presenceAddress(this.#core.id),
          new Uint8Array(0),
          {
            retain: true,
            qos: this.#core.options.qos.presence,
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
        this.#core.sendQuietly(this.#announcement(sender), "broadcast");
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
    const load =
      typeof payload.load === "number" && Number.isFinite(payload.load) ? payload.load : undefined;
    const interval =
      typeof payload.heartbeat_interval_ms === "number" ? payload.heartbeat_interval_ms : undefined;
    this.#directory.seen(envelope.sender_id, {
      ...(capabilities ? { capabilities } : {}),
      ...(load === undefined ? {} : { load }),
      ...(interval === undefined || interval < 0 ? {} : { heartbeat_interval_ms: interval }),
    });
  }

  /** A retained presence card was cleared (empty body): the agent is gone (its Last Will, or a clean close). */
  onPresenceCleared(agentId: string): void {
    if (agentId !== this.#core.id) this.#directory.markOffline(agentId, "connection_lost");
  }

  /** A retained presence card (already decoded and checked). */
  onPresenceCard(agentId: string, envelope: Envelope): void {
    if (
      agentId === this.#core.id ||
      envelope.sender_id !== agentId ||
      !isObject(envelope.payload.agent_info)
    )
      return;
    this.#directory.seen(agentId, readAgentInfo(agentId, envelope.payload.agent_info));
  }

  #heartbeat(): void {
    const card = this.#card();
    const heartbeat = createEnvelope({
      sender_id: this.#core.id,
      recipient_id: null,
      message_type: MessageType.heartbeat,
      priority: Priority.low,
      payload: {
        status: "active",
        capabilities: [...card.capabilities],
        load: Math.round(this.#load() * 1000) / 1000,
        heartbeat_interval_ms: card.heartbeat_interval_ms,
      },
    });
    this.#core.sendQuietly(heartbeat, "heartbeat");
  }

  /** The seed's announcement, to everyone (recipient null) or straight to one asker. */
  #announcement(recipient: string | null): Envelope {
    return createEnvelope({
      sender_id: this.#core.id,
      recipient_id: recipient,
      message_type: MessageType.broadcast,
      priority: Priority.high,
      payload: { broadcast_type: PresenceBroadcast.announcement, agent_info: { ...this.#card() } },
    });
  }

  #broadcast(type: string, payload: Record<string, unknown>): Envelope {
    return createEnvelope({
      sender_id: this.#core.id,
      recipient_id: null,
      message_type: MessageType.broadcast,
      payload: { broadcast_type: type, ...payload },
    });
  }
}
