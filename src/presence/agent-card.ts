/**
 * What an agent tells others about itself: the seed's `agent_info` (name, version, description,
 * capabilities) plus the request types it serves and the contracts it implements (name -> content
 * hash, and name -> version). It travels in `agent_announcement` broadcasts, in the retained presence card and,
 * in part, in heartbeats.
 */
import type { JsonObject } from "../wire/envelope.js";

/** The description an agent gives of itself when it is created. */
export interface AgentCardInit {
  /** Human-readable name. @default the agent id */
  readonly name?: string;
  /** @default "1.0.0" */
  readonly version?: string;
  /** @default "" */
  readonly description?: string;
  /** Capabilities other agents may delegate by. @default [] */
  readonly capabilities?: readonly string[];
}

/** The full card as announced (the seed's `agent_info` shape, extended). */
export interface AgentCard {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly capabilities: readonly string[];
  /** Request types this agent has handlers for. */
  readonly request_types: readonly string[];
  /** Contract name -> content hash, for the request types served under a contract. */
  readonly contracts: Readonly<Record<string, string>>;
  /**
   * Contract name -> its version (semver), for the same request types. A caller whose contract
   * has another major version refuses to send (`incompatible_contract`).
   */
  readonly contract_versions: Readonly<Record<string, string>>;
  /** How often it sends heartbeats; 0 when it sends none. */
  readonly heartbeat_interval_ms: number;
  /** Worker pools it serves (requests to a pool's name reach one member). */
  readonly pools: readonly string[];
  /**
   * The broker holds requests for it while it is away, a crash included (a persistent session):
   * callers keep waiting for them when it goes offline instead of failing them at once.
   */
  readonly requests_survive_absence: boolean;
  /**
   * A random id of this Agent object: kept across its reconnects, new in a restarted process.
   * A caller that sees it change knows the requests it sent before went with the old process.
   */
  readonly instance_id: string;
}

/**
 * The card an agent announces: its own description, what it serves, its heartbeat period, pools,
 * whether requests to it survive its absence, and which run of it this is.
 */
export function announcedCard(
  init: Required<AgentCardInit>,
  requestTypes: readonly string[],
  contractOf: (requestType: string) => { hash: string; version: string } | undefined,
  heartbeatIntervalMs: number,
  pools: readonly string[],
  requestsSurviveAbsence: boolean,
  instanceId: string,
): AgentCard {
  const hashes: Record<string, string> = {};
  const versions: Record<string, string> = {};
  for (const type of requestTypes) {
    const contract = contractOf(type);
    if (contract === undefined) continue;
    hashes[type] = contract.hash;
    versions[type] = contract.version;
  }
  return {
    ...init,
    request_types: [...requestTypes],
    contracts: hashes,
    contract_versions: versions,
    heartbeat_interval_ms: heartbeatIntervalMs,
    pools: [...pools],
    requests_survive_absence: requestsSurviveAbsence,
    instance_id: instanceId,
  };
}

/** Reads an `agent_info` object from the wire (seed or Parley), tolerating missing fields. */
export function readAgentInfo(
  agentId: string,
  value: unknown,
): Partial<AgentCard> & { name: string } {
  const info = isObject(value) ? value : {};
  const card: Partial<AgentCard> & { name: string } = {
    name: typeof info.name === "string" ? info.name : agentId,
  };
  const mutable = card as Record<string, unknown>;
  if (typeof info.version === "string") mutable.version = info.version;
  if (typeof info.description === "string") mutable.description = info.description;
  const capabilities = stringArray(info.capabilities);
  if (capabilities) mutable.capabilities = capabilities;
  const requestTypes = stringArray(info.request_types);
  if (requestTypes) mutable.request_types = requestTypes;
  const pools = stringArray(info.pools);
  if (pools) mutable.pools = pools;
  const contracts = stringRecord(info.contracts);
  if (contracts) mutable.contracts = contracts;
  const versions = stringRecord(info.contract_versions);
  if (versions) mutable.contract_versions = versions;
  if (typeof info.requests_survive_absence === "boolean") {
    mutable.requests_survive_absence = info.requests_survive_absence;
  }
  const instanceId = info.instance_id;
  if (typeof instanceId === "string" && instanceId.length > 0 && instanceId.length <= 128) {
    mutable.instance_id = instanceId;
  }
  if (typeof info.heartbeat_interval_ms === "number" && info.heartbeat_interval_ms >= 0) {
    mutable.heartbeat_interval_ms = info.heartbeat_interval_ms;
  }
  return card;
}

/** The string-valued entries of an untrusted object (at most 1000, values of 128 characters at most). */
function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value)
      .filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === "string" && entry[1].length <= 128,
      )
      .slice(0, 1000),
  );
}

/** A string array out of untrusted input, or undefined. */
export function stringArray(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === "string").slice(0, 1000);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A sighting of an agent, merged into what the directory knows. */
export interface Sighting extends Partial<Omit<AgentCard, "name">> {
  readonly name?: string;
  readonly load?: number;
}
