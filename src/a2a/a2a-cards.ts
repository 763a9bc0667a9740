/**
 * Agent Cards for the gateway: one per online Parley agent (one skill per request type it
 * serves) and one for the gateway itself, which lists the agents. A2A's `AgentSkill` has no place
 * for a schema, so the request/response JSON Schemas travel in an `AgentExtension`'s free
 * `params` ({@link CONTRACTS_EXTENSION_URI}); the gateway card lists its agents the same way.
 */
import type { AgentCard, AgentExtension, AgentSkill } from "@a2a-js/sdk";
import type { AgentInfo } from "../presence/directory.js";
import { type SkillCatalog, type SkillInfo, skillInfo } from "./skill-catalog.js";

/**
 * The message metadata key that names the skill (the Parley request type) a message is for. A2A
 * v1.0 has no standard field for it; a message to an agent with one skill may leave it out.
 */
export const SKILL_METADATA_KEY = "parley.skill";
/** The extension whose `params.skills` holds each skill's request and response JSON Schemas. */
export const CONTRACTS_EXTENSION_URI = "https://parley.dev/a2a/contracts/v1";
/** The extension whose `params.agents` lists the agents the gateway serves. */
export const GATEWAY_EXTENSION_URI = "https://parley.dev/a2a/gateway/v1";

const JSON_MODE = "application/json";
const TEXT_MODE = "text/plain";

/** What a card is built from: a directory entry, or less. */
export type CardSource = Pick<
  AgentInfo,
  "id" | "name" | "version" | "description" | "capabilities" | "requestTypes"
>;

/** The skills of a Parley agent, in the order of its request types. */
export function skillsOf(
  info: Pick<AgentInfo, "requestTypes">,
  catalog: SkillCatalog,
): SkillInfo[] {
  return [...new Set(info.requestTypes)].map((type) => skillInfo(catalog, type));
}

/** The A2A card of one Parley agent, served at `url` (its JSON-RPC endpoint). */
export function agentCardOf(info: CardSource, url: string, catalog: SkillCatalog): AgentCard {
  const skills = skillsOf(info, catalog);
  const schemas: Record<string, unknown> = {};
  for (const skill of skills) {
    if (skill.schema)
      schemas[skill.id] = { request: skill.schema.request, response: skill.schema.response };
  }
  return card({
    name: info.name,
    description: info.description || `Parley agent "${info.id}" on the mesh.`,
    version: info.version ?? "1.0.0",
    url,
    skills: skills.map((skill) => skillOf(skill, info.capabilities)),
    extensions: [
      {
        uri: CONTRACTS_EXTENSION_URI,
        description: `Request and response JSON Schemas by skill id; name the skill in message metadata "${SKILL_METADATA_KEY}".`,
        required: false,
        params: { agent: info.id, skill_metadata_key: SKILL_METADATA_KEY, skills: schemas },
      },
    ],
  });
}

/** One entry of the gateway card's agent list. */
export interface ListedAgent {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Where its own Agent Card is. */
  readonly cardUrl: string;
  readonly skills: readonly string[];
}

/**
 * The gateway's own card: one skill per online agent (id = agent id, tags = its request types)
 * and the list in an extension. Its endpoint answers every call with an error pointing to the
 * agents' own cards.
 */
export function gatewayCardOf(
  name: string,
  url: string,
  version: string,
  agents: readonly ListedAgent[],
): AgentCard {
  return card({
    name,
    description: `A2A gateway to ${agents.length} Parley agent(s); each has its own Agent Card (see the ${GATEWAY_EXTENSION_URI} extension).`,
    version,
    url,
    skills: agents.map((agent) =>
      blankSkill(agent.id, agent.name, `${agent.description} Agent Card: ${agent.cardUrl}`, [
        ...agent.skills,
      ]),
    ),
    extensions: [
      {
        uri: GATEWAY_EXTENSION_URI,
        description: "The Parley agents this gateway serves, each with the URL of its Agent Card.",
        required: false,
        params: { agents: agents.map((agent) => ({ ...agent, skills: [...agent.skills] })) },
      },
    ],
  });
}

function skillOf(skill: SkillInfo, capabilities: readonly string[]): AgentSkill {
  const modes = skill.textField === undefined ? [JSON_MODE] : [JSON_MODE, TEXT_MODE];
  const result = blankSkill(skill.id, skill.id, skill.description, [...capabilities]);
  return { ...result, inputModes: modes, outputModes: [JSON_MODE] };
}

function blankSkill(id: string, name: string, description: string, tags: string[]): AgentSkill {
  return {
    id,
    name,
    description,
    tags,
    examples: [],
    inputModes: [JSON_MODE],
    outputModes: [JSON_MODE],
    securityRequirements: [],
  };
}

interface CardInit {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly url: string;
  readonly skills: AgentSkill[];
  readonly extensions: AgentExtension[];
}

function card(init: CardInit): AgentCard {
  return {
    name: init.name,
    description: init.description,
    supportedInterfaces: [
      { url: init.url, protocolBinding: "JSONRPC", tenant: "", protocolVersion: "1.0" },
    ],
    provider: undefined,
    version: init.version,
    capabilities: {
      streaming: true,
      pushNotifications: false,
      extensions: init.extensions,
      extendedAgentCard: false,
    },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: [JSON_MODE],
    defaultOutputModes: [JSON_MODE],
    skills: init.skills,
    signatures: [],
  };
}
