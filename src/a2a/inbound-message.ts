/**
 * An A2A message to a Parley request: which skill (request type) it is for, and the payload from
 * its data part (or its text part, where the skill takes one string field), checked against the
 * contract. Everything here is untrusted input; what does not fit is refused with a reason the
 * gateway sends back as a JSON-RPC "invalid params" error, before any task exists.
 */
import type { Message } from "@a2a-js/sdk";
import { isObject } from "../presence/agent-card.js";
import type { JsonObject } from "../wire/envelope.js";
import { quoted, quotedValue } from "../wire/sender-input.js";
import { SKILL_METADATA_KEY } from "./a2a-cards.js";
import type { SkillInfo } from "./skill-catalog.js";

/** A message the gateway can send on: the request type and payload. */
export interface ParleyRequest {
  readonly requestType: string;
  readonly payload: JsonObject;
}

/** The request, or why there is none. */
export type InboundResult =
  | { readonly ok: true; readonly request: ParleyRequest }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): InboundResult => ({ ok: false, reason });

/** What a request type must look like to be sent to an agent that does not list its own. */
const REQUEST_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,127}$/;

/**
 * Reads `message` (with the request's own `metadata`) as a request to one of `skills`. An agent
 * that does not list its request types (a seed agent) has no skills on its card: then `unlisted`
 * gives the skill for any well-formed request type the message names.
 */
export function parleyRequestOf(
  message: Message | undefined,
  requestMetadata: Readonly<Record<string, unknown>> | undefined,
  skills: readonly SkillInfo[],
  unlisted?: (requestType: string) => SkillInfo,
): InboundResult {
  if (!message || message.parts.length === 0) return refuse("the message has no parts");
  const named = message.metadata?.[SKILL_METADATA_KEY] ?? requestMetadata?.[SKILL_METADATA_KEY];
  const chosen =
    unlisted && typeof named === "string" && REQUEST_TYPE_PATTERN.test(named)
      ? unlisted(named)
      : chooseSkill(named, skills);
  if (typeof chosen === "string") return refuse(chosen);
  const payload = payloadOf(message, chosen);
  if (typeof payload === "string") return refuse(payload);
  const issues = chosen.contract?.validateRequest(payload) ?? [];
  if (issues.length > 0) {
    const listed = issues
      .slice(0, 5)
      .map((issue) => `${issue.instancePath || "/"} ${issue.message}`)
      .join("; ");
    return refuse(`request for skill "${chosen.id}" is invalid: ${listed}`);
  }
  return { ok: true, request: { requestType: chosen.id, payload } };
}

function chooseSkill(named: unknown, skills: readonly SkillInfo[]): SkillInfo | string {
  const ids = skills.map((skill) => skill.id).join(", ");
  if (named === undefined) {
    const [only] = skills;
    if (only !== undefined && skills.length === 1) return only;
    return `name the skill in message metadata "${SKILL_METADATA_KEY}": this agent has ${skills.length === 0 ? "none" : ids}`;
  }
  const found = typeof named === "string" ? skills.find((skill) => skill.id === named) : undefined;
  return (
    found ??
    `unknown skill ${typeof named === "string" ? `"${quoted(named)}"` : JSON.stringify(quotedValue(named))}: this agent's skills are ${ids || "none"}`
  );
}

/** The payload: the first data part (a JSON object), else a text part for a one-string skill. */
function payloadOf(message: Message, skill: SkillInfo): JsonObject | string {
  for (const part of message.parts) {
    if (part.content?.$case !== "data") continue;
    const value: unknown = part.content.value;
    return isObject(value) ? value : `the data part for skill "${skill.id}" must be a JSON object`;
  }
  const text = message.parts.find((part) => part.content?.$case === "text")?.content?.value;
  if (typeof text === "string") {
    if (skill.textField !== undefined) return { [skill.textField]: text };
    return `skill "${skill.id}" takes a data part (application/json), not text`;
  }
  return `skill "${skill.id}" takes a data part (application/json); the message has none`;
}
