/**
 * The agents this agent knows of: their cards, when they were last heard from, their reported
 * load, and whether they are online. An agent is learnt from its announcement, its retained
 * presence card, its reply to our discovery broadcast, or its heartbeat (the seed's heartbeat
 * carries its capabilities). It goes offline when its Last Will fires, when it says goodbye, or
 * when it misses its heartbeats for longer than the offline threshold. A card with a new instance
 * id means its process restarted: whatever the old process was doing is lost.
 */
import type { Sighting } from "./agent-card.js";
import { cardWeight } from "./card-weight.js";

/** Why an agent went offline. */
export type OfflineReason = "missed_heartbeats" | "connection_lost" | "departed";

/** What the directory knows of one agent. */
export interface AgentInfo {
  readonly id: string;
  readonly name: string;
  readonly version: string | undefined;
  readonly description: string | undefined;
  readonly capabilities: readonly string[];
  readonly requestTypes: readonly string[];
  readonly contracts: Readonly<Record<string, string>>;
  /**
   * Request type -> the version of the contract it serves it under, as its card says; empty for
   * agents that do not say (seed agents, older Parley).
   */
  readonly contractVersions: Readonly<Record<string, string>>;
  /** Worker pools it serves. */
  readonly pools: readonly string[];
  readonly status: "online" | "offline";
  /** Epoch milliseconds when last heard from. */
  readonly lastSeen: number;
  /** In-flight work over capacity (0 idle, 1 saturated, >1 backlogged) when reported. */
  readonly load: number | undefined;
  /** Heartbeat interval it announced; undefined when unknown (seed agents: 30 s). */
  readonly heartbeatIntervalMs: number | undefined;
  readonly offlineReason: OfflineReason | undefined;
  /** Smoothed round-trip time of our requests to it, in milliseconds; undefined before the first. */
  readonly latencyMs: number | undefined;
  /**
   * Its card says the broker holds requests for it while it is away (a persistent session), so
   * requests pending to it keep waiting when it goes offline. False for seed agents.
   */
  readonly requestsSurviveAbsence: boolean;
  /**
   * Its card's `instance_id`: new when its process restarts, kept across reconnects. Undefined
   * for agents that do not say (seed agents).
   */
  readonly instanceId: string | undefined;
}

/** Notified when an agent comes online, goes offline, or restarts. */
export interface DirectoryListener {
  online(info: AgentInfo): void;
  offline(info: AgentInfo): void;
  /**
   * A card of a known agent carried another instance id than the one known: its process
   * restarted (marked offline meanwhile or not). Called before `online`, if that follows.
   */
  restarted?(info: AgentInfo, previousInstanceId: string): void;
}

/** Read-only view of the directory, for users. */
export interface DirectoryView {
  /** Every known agent, online or not, sorted by id. */
  list(): AgentInfo[];
  get(id: string): AgentInfo | undefined;
  /** Online agents, sorted by id. */
  online(): AgentInfo[];
  /** Online agents that have `capability`, sorted by id. */
  withCapability(capability: string): AgentInfo[];
}

export class Directory implements DirectoryView {
  readonly #agents = new Map<string, AgentInfo>();
  /**
   * The latest smoothed latency per agent. Every response updates it, so it is kept apart and
   * folded into the agent's (immutable) record when the record is next read.
   */
  readonly #latency = new Map<string, number>();
  readonly #listener: DirectoryListener;
  readonly #defaultOfflineAfterMs: number;
  readonly #maxAgents: number;
  readonly #maxBytes: number;
  /** Each agent's card weight ({@link cardWeight}), and their sum. */
  readonly #weights = new Map<string, number>();
  #bytes = 0;

  /** `maxBytes` bounds the cards' total weight, as `maxAgents` their count. */
  constructor(
    listener: DirectoryListener,
    defaultOfflineAfterMs: number,
    maxAgents: number,
    maxBytes: number = Number.POSITIVE_INFINITY,
  ) {
    this.#listener = listener;
    this.#defaultOfflineAfterMs = defaultOfflineAfterMs;
    this.#maxAgents = maxAgents;
    this.#maxBytes = maxBytes;
  }

  /** Approximate bytes of the cards held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Records that `id` was heard from now, merging what it said about itself. */
  seen(id: string, sighting: Sighting = {}, now: number = Date.now()): void {
    const before = this.#current(this.#agents.get(id));
    if (!this.#roomFor(id, sighting, before)) return;
    const info: AgentInfo = {
      id,
      name: sighting.name ?? before?.name ?? id,
      version: sighting.version ?? before?.version,
      description: sighting.description ?? before?.description,
      capabilities: sighting.capabilities ?? before?.capabilities ?? [],
      requestTypes: sighting.request_types ?? before?.requestTypes ?? [],
      contracts: sighting.contracts ?? before?.contracts ?? {},
      contractVersions: sighting.contract_versions ?? before?.contractVersions ?? {},
      pools: sighting.pools ?? before?.pools ?? [],
      status: "online",
      lastSeen: now,
      load: sighting.load ?? before?.load,
      heartbeatIntervalMs: sighting.heartbeat_interval_ms ?? before?.heartbeatIntervalMs,
      offlineReason: undefined,
      latencyMs: before?.latencyMs,
      requestsSurviveAbsence:
        sighting.requests_survive_absence ?? before?.requestsSurviveAbsence ?? false,
      instanceId: sighting.instance_id ?? before?.instanceId,
    };
    this.#agents.set(id, info);
    const previousInstanceId = before?.instanceId;
    if (previousInstanceId !== undefined && info.instanceId !== previousInstanceId) {
      this.#listener.restarted?.(info, previousInstanceId);
    }
    if (before?.status !== "online") this.#listener.online(info);
  }

  /** Folds one measured round trip into the agent's smoothed latency (EWMA, weight 0.2). */
  recordLatency(id: string, ms: number): void {
    const info = this.#agents.get(id);
    if (!info) return;
    const previous = this.#latency.get(id) ?? info.latencyMs;
    this.#latency.set(id, previous === undefined ? ms : previous * 0.8 + ms * 0.2);
  }

  /** Marks `id` offline now (a Last Will, a goodbye). */
  markOffline(id: string, reason: OfflineReason): void {
    const info = this.#current(this.#agents.get(id));
    if (!info || info.status === "offline") return;
    const offline: AgentInfo = { ...info, status: "offline", offlineReason: reason };
    this.#agents.set(id, offline);
    this.#listener.offline(offline);
  }

  /** Marks offline every agent silent for longer than its threshold. */
  sweep(now: number = Date.now()): void {
    for (const info of this.#agents.values()) {
      if (info.status !== "online") continue;
      if (info.heartbeatIntervalMs === 0) continue; // relies on presence (Last Will) instead
      const threshold =
        info.heartbeatIntervalMs === undefined
          ? this.#defaultOfflineAfterMs
          : info.heartbeatIntervalMs * 3;
      if (now - info.lastSeen > threshold) this.markOffline(info.id, "missed_heartbeats");
    }
  }

  list(): AgentInfo[] {
    return [...this.#agents.values()]
      .map((info) => this.#current(info) as AgentInfo)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): AgentInfo | undefined {
    return this.#current(this.#agents.get(id));
  }

  /**
   * The record as stored, its `latencyMs` possibly behind: for the checks made before each
   * request, which never read it, so that they do not copy the record after every response.
   */
  withoutLatency(id: string): AgentInfo | undefined {
    return this.#agents.get(id);
  }

  online(): AgentInfo[] {
    return this.list().filter((a) => a.status === "online");
  }

  withCapability(capability: string): AgentInfo[] {
    return this.online().filter((a) => a.capabilities.includes(capability));
  }

  /**
   * Whether what `id` says of itself fits in the count and the weight bounds, evicting offline
   * agents (the longest silent first) to make room; when it does, its weight is taken. A sighting
   * that does not fit is ignored (a new agent is not recorded; a known one keeps its old record).
   */
  #roomFor(id: string, sighting: Sighting, before: AgentInfo | undefined): boolean {
    const weight = cardWeight(id, sighting, before);
    const previous = this.#weights.get(id) ?? 0;
    const fits = () =>
      (before !== undefined || this.#agents.size < this.#maxAgents) &&
      this.#bytes - previous + weight <= this.#maxBytes;
    while (!fits()) if (!this.#evictOffline(id)) return false;
    this.#bytes += weight - previous;
    this.#weights.set(id, weight);
    return true;
  }

  /** Forgets the offline agent silent the longest (never `keep`); false when there is none. */
  #evictOffline(keep?: string): boolean {
    let oldest: AgentInfo | undefined;
    for (const info of this.#agents.values()) {
      if (info.id === keep) continue;
      if (info.status === "offline" && (!oldest || info.lastSeen < oldest.lastSeen)) oldest = info;
    }
    if (!oldest) return false;
    this.#agents.delete(oldest.id);
    this.#latency.delete(oldest.id);
    this.#bytes -= this.#weights.get(oldest.id) ?? 0;
    this.#weights.delete(oldest.id);
    return true;
  }

  /** The record with the latest latency folded in (stored, so readers keep seeing one object). */
  #current(info: AgentInfo | undefined): AgentInfo | undefined {
    if (!info) return undefined;
    const latencyMs = this.#latency.get(info.id);
    if (latencyMs === undefined || latencyMs === info.latencyMs) return info;
    const updated: AgentInfo = { ...info, latencyMs };
    this.#agents.set(info.id, updated);
    return updated;
  }
}
