/**
 * What an agent's card costs the directory, approximately in bytes: the characters of its strings
 * plus a fixed overhead per agent and per entry. Cards come from the wire (announcements,
 * retained presence cards, heartbeats), each up to maxMessageBytes: the directory is bounded by
 * this weight as well as by its count of agents.
 */
import type { Sighting } from "./agent-card.js";

/** The record, the Map entry and the arrays of an agent, beyond its strings. */
const PER_AGENT = 256;
/** Per string in a list (its header and slot). */
const PER_ENTRY = 16;

function listWeight(list: readonly string[] | undefined): number {
  let weight = 0;
  for (const item of list ?? []) weight += item.length + PER_ENTRY;
  return weight;
}

/** The fields of a card as the directory stores them, the sighting's where it has them. */
export interface CardFields {
  readonly name?: string | undefined;
  readonly version?: string | undefined;
  readonly description?: string | undefined;
  readonly capabilities?: readonly string[] | undefined;
  readonly requestTypes?: readonly string[] | undefined;
  readonly contracts?: Readonly<Record<string, string>> | undefined;
  readonly contractVersions?: Readonly<Record<string, string>> | undefined;
  readonly pools?: readonly string[] | undefined;
  readonly instanceId?: string | undefined;
}

/** The weight of the card the directory keeps for `id` after `sighting`, merged over `before`. */
export function cardWeight(id: string, sighting: Sighting, before: CardFields | undefined): number {
  const contracts = sighting.contracts ?? before?.contracts ?? {};
  const versions = sighting.contract_versions ?? before?.contractVersions ?? {};
  let weight = PER_AGENT + id.length;
  weight += (sighting.name ?? before?.name ?? "").length;
  weight += (sighting.version ?? before?.version ?? "").length;
  weight += (sighting.description ?? before?.description ?? "").length;
  weight += (sighting.instance_id ?? before?.instanceId ?? "").length;
  weight += listWeight(sighting.capabilities ?? before?.capabilities);
  weight += listWeight(sighting.request_types ?? before?.requestTypes);
  weight += listWeight(sighting.pools ?? before?.pools);
  for (const map of [contracts, versions])
    for (const [name, value] of Object.entries(map))
      weight += name.length + value.length + 2 * PER_ENTRY;
  return weight;
}
