/**
 * The tools the mesh offers: one per request type served by an online agent, after the
 * `agents` / `types` filters. A type served by several agents is still one tool (the host's model
 * picks a capability, not an agent id); a call goes to one of them (see `tool-call.ts`), and the
 * description names them. The list follows the directory: agents coming, going or restarting
 * change it at once, and a recheck every few seconds catches a known agent re-announcing a
 * different set of types (a card update raises no event).
 */
import type { Agent } from "../agent/agent.js";
import type { ContractSet, RequestContract } from "../wire/contracts.js";
import { toolNameOf } from "./tool-names.js";

/** One tool: a request type and the agents serving it now. */
export interface MeshTool {
  /** The MCP tool name: the request type, with each character MCP does not allow as `_`, cut to 128. */
  readonly name: string;
  readonly requestType: string;
  /** Online agents serving it, sorted by id. */
  readonly agents: readonly string[];
  /** Its contract, when the bridge knows one. */
  readonly contract: RequestContract | undefined;
}

/** What the catalog exposes and how it checks. */
export interface MeshToolsOptions {
  /** Contracts whose schemas describe the tools (and validate calls). */
  readonly contracts?: ContractSet | undefined;
  /** Only these agents (ids; `*` matches any characters). @default every agent */
  readonly agents?: readonly string[] | undefined;
  /** Only these request types (`*` matches any characters). @default every type */
  readonly types?: readonly string[] | undefined;
  /** How often to recheck the directory for changed cards, in ms. @default 5000 */
  readonly recheckMs?: number | undefined;
  /** Where to say what was left out (a tool name taken twice). @default nothing */
  readonly log?: ((line: string) => void) | undefined;
}

/** Default of {@link MeshToolsOptions.recheckMs}. */
export const DEFAULT_RECHECK_MS = 5_000;

/** A `*` wildcard pattern as a whole-string matcher. */
function matcher(patterns: readonly string[] | undefined): (value: string) => boolean {
  if (patterns === undefined || patterns.length === 0) return () => true;
  const regexes = patterns.map((p) => new RegExp(`^${p.split("*").map(escapeRegExp).join(".*")}$`));
  return (value) => regexes.some((r) => r.test(value));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The mesh's request types as tools, kept current; `close()` stops following the directory. */
export class MeshTools {
  readonly #agent: Agent;
  readonly #options: MeshToolsOptions;
  readonly #agentAllowed: (id: string) => boolean;
  readonly #typeAllowed: (type: string) => boolean;
  readonly #listeners = new Set<() => void>();
  readonly #stops: (() => void)[] = [];
  readonly #reported = new Set<string>();
  #tools: MeshTool[] = [];
  #signature = "";

  constructor(agent: Agent, options: MeshToolsOptions = {}) {
    this.#agent = agent;
    this.#options = options;
    this.#agentAllowed = matcher(options.agents);
    this.#typeAllowed = matcher(options.types);
    this.#refresh();
    const check = () => this.#refresh();
    for (const event of ["agent:online", "agent:offline", "agent:restarted"] as const)
      this.#stops.push(agent.on(event, check));
    const timer = setInterval(check, options.recheckMs ?? DEFAULT_RECHECK_MS);
    timer.unref();
    this.#stops.push(() => clearInterval(timer));
  }

  /** The tools now, sorted by name. */
  list(): readonly MeshTool[] {
    return this.#tools;
  }

  /** The tool named `name`, if it is offered now. */
  find(name: string): MeshTool | undefined {
    return this.#tools.find((tool) => tool.name === name);
  }

  /** Calls `listener` whenever the list changes; returns a function that stops it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#listeners.clear();
  }

  #refresh(): void {
    const tools = this.#compute();
    const signature = JSON.stringify(tools.map((t) => [t.name, t.requestType, t.agents]));
    this.#tools = tools;
    if (signature === this.#signature) return;
    this.#signature = signature;
    for (const listener of [...this.#listeners]) listener();
  }

  #compute(): MeshTool[] {
    const servedBy = new Map<string, string[]>();
    for (const info of this.#agent.directory.online()) {
      if (info.id === this.#agent.id || !this.#agentAllowed(info.id)) continue;
      for (const type of info.requestTypes) {
        if (!this.#typeAllowed(type)) continue;
        servedBy.set(type, [...(servedBy.get(type) ?? []), info.id]);
      }
    }
    const requests = this.#options.contracts?.requests ?? {};
    const byName = new Map<string, MeshTool>();
    for (const type of [...servedBy.keys()].sort()) {
      const name = toolNameOf(type);
      const taken = byName.get(name);
      if (taken !== undefined) {
        this.#reportClash(type, taken.requestType, name);
        continue;
      }
      const contract = Object.hasOwn(requests, type) ? requests[type] : undefined;
      const agents = (servedBy.get(type) ?? []).sort();
      byName.set(name, { name, requestType: type, agents, contract });
    }
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  #reportClash(type: string, keeper: string, name: string): void {
    if (this.#reported.has(type)) return;
    this.#reported.add(type);
    this.#options.log?.(
      `request type "${type}" is not offered: its tool name "${name}" is taken by "${keeper}"`,
    );
  }
}
