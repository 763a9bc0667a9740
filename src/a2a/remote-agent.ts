/**
 * A remote A2A agent on the mesh: a Parley agent stands for it, with one request type per skill
 * of its Agent Card (and the skill ids as capabilities), plus `delegate_task`, so `delegate()`
 * reaches it. The card URL is fetched again every `checkIntervalMs`; when the remote agent stops
 * answering, the stand-in leaves the mesh (goodbye: others see it offline) and joins again, with
 * a fresh card and a new instance id, once it answers.
 */
import type { AgentCard } from "@a2a-js/sdk";
import type { Client, ClientFactory } from "@a2a-js/sdk/client";
import { type Agent, createAgent } from "../agent/agent.js";
import type { AgentOptions } from "../agent/options.js";
import { applicationError } from "../errors/application-error.js";
import { isObject } from "../presence/agent-card.js";
import type { JsonObject } from "../wire/envelope.js";
import { remoteSkillHandler } from "./remote-skill-handler.js";
import { loadA2aClient } from "./sdk-modules.js";

/** @see {@link RemoteA2AAgentOptions.checkIntervalMs} */
export const DEFAULT_REMOTE_CHECK_INTERVAL_MS = 15_000;
/** @see {@link RemoteA2AAgentOptions.checkTimeoutMs} */
export const DEFAULT_REMOTE_CHECK_TIMEOUT_MS = 5000;

/** Options for {@link startRemoteA2AAgent}. */
export interface RemoteA2AAgentOptions {
  /** The remote agent's card: its full URL, or the base URL its `/.well-known/agent-card.json` is under. */
  readonly cardUrl: string;
  /** Makes the transport, each time the stand-in joins the mesh (again). */
  readonly transport: () => AgentOptions["transport"];
  /** The stand-in's agent id. @default the card's name, lower case, other characters as "-" */
  readonly id?: string;
  /** How often to check that the remote agent still answers. @default 15000 */
  readonly checkIntervalMs?: number;
  /** How long a check waits for the card before it counts the remote agent as not answering. @default 5000 */
  readonly checkTimeoutMs?: number;
  /** More options for the stand-in agent. @default none */
  readonly agent?: Omit<AgentOptions, "transport" | "id" | "card">;
}

/** A running stand-in. */
export interface RemoteA2AAgent {
  readonly id: string;
  /** The stand-in on the mesh; undefined while the remote agent does not answer. */
  readonly agent: Agent | undefined;
  /** The remote agent's card, as last fetched. */
  readonly card: AgentCard;
  /** Leaves the mesh and stops checking. */
  close(): Promise<void>;
}

/** Fetches the card and joins the mesh; rejects when the card cannot be fetched. */
export async function startRemoteA2AAgent(options: RemoteA2AAgentOptions): Promise<RemoteA2AAgent> {
  const checkIntervalMs = options.checkIntervalMs ?? DEFAULT_REMOTE_CHECK_INTERVAL_MS;
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_REMOTE_CHECK_TIMEOUT_MS;
  for (const [name, value] of [
    ["checkIntervalMs", checkIntervalMs],
    ["checkTimeoutMs", checkTimeoutMs],
  ] as const)
    if (!(value > 0)) throw new RangeError(`${name} must be positive, got ${value}`);
  const { client: sdk } = await loadA2aClient("parley-a2a/a2a (a remote A2A agent)");
  const factory = new sdk.ClientFactory();
  const [base, path] = /\.json(\?|$)/.test(options.cardUrl)
    ? [options.cardUrl, ""]
    : [options.cardUrl, undefined];
  let client = await factory.createFromUrl(base, path);
  let card = await client.getAgentCard();
  const id = options.id ?? slug(card.name);
  let agent: Agent | undefined;
  let closed = false;
  let checking: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const join = async () => {
    const joining = createAgent({
      ...options.agent,
      id,
      transport: options.transport(),
      card: {
        name: card.name,
        version: card.version || "1.0.0",
        description: card.description,
        capabilities: card.skills.map((skill) => skill.id),
      },
    });
    const ctx = { id, client: () => client, unreachable: () => void check() };
    for (const skill of card.skills) joining.handle(skill.id, remoteSkillHandler(ctx, skill.id));
    joining.handle("delegate_task", delegateHandler(ctx, card, id));
    await joining.connect();
    agent = joining;
  };
  const leave = async () => {
    const leaving = agent;
    agent = undefined;
    await leaving?.close();
  };
  /** One check: leave when the remote stops answering, join again when it answers. */
  const check = (): Promise<void> => {
    checking ??= (async () => {
      try {
        const fresh = await refresh(factory, base, path, checkTimeoutMs);
        if (fresh && !agent && !closed) {
          ({ client, card } = fresh);
          await join();
        } else if (!fresh && agent) await leave();
      } catch {
        // A failed join (broker down) is tried again at the next check.
      } finally {
        checking = undefined;
      }
    })();
    return checking;
  };
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void check().then(schedule), checkIntervalMs);
  };

  await join();
  schedule();
  return {
    id,
    get agent() {
      return agent;
    },
    get card() {
      return card;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await checking;
      await leave();
    },
  };
}

/** A new client and card, or undefined when the card does not come within `timeoutMs`. */
async function refresh(
  factory: ClientFactory,
  base: string,
  path: string | undefined,
  timeoutMs: number,
) {
  const fetched = (async () => {
    const client: Client = await factory.createFromUrl(base, path);
    return { client, card: await client.getAgentCard() };
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([fetched.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `delegate_task` (the seed's delegation): runs skill `task_type` with `task_data`. */
function delegateHandler(
  ctx: Parameters<typeof remoteSkillHandler>[0],
  card: AgentCard,
  id: string,
) {
  return async (
    payload: JsonObject,
    context: Parameters<ReturnType<typeof remoteSkillHandler>>[1],
  ) => {
    const type = payload.task_type;
    const data = isObject(payload.task_data) ? payload.task_data : {};
    if (typeof type !== "string" || !card.skills.some((skill) => skill.id === type))
      throw applicationError(
        "unsupported_task_type",
        `A2A agent "${id}" has no skill ${JSON.stringify(type)}`,
      );
    const run = remoteSkillHandler(ctx, type)(data, context);
    let step = await run.next();
    while (!step.done) step = await run.next();
    return { status: "completed", result: step.value, agent_id: id };
  };
}

/** An agent id from a card name: lower case, anything but letters, digits, `_` and `-` as `-`. */
function slug(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return id || "a2a-agent";
}
