/**
 * Delegation, the seed's AgentCoordinator done properly: pick an online agent whose card has the
 * task's capability (by strategy, not just the first match), send it `delegate_task`, and fail
 * over to the next capable agent on `timeout` or `unavailable`, but only when the task's contract
 * says it is idempotent (running it twice is harmless). Agents whose circuit breaker is open are
 * skipped (and a request refused by one is never sent, so it fails over whatever the contract).
 */

import { ErrorCode, isParleyError, ParleyError } from "../errors/parley-error.js";
import type { RequestFn, RequestOptions } from "../inbound/handler-context.js";
import type { AgentInfo, DirectoryView } from "../presence/directory.js";
import type { ContractSet } from "../wire/contracts.js";
import type { JsonObject } from "../wire/envelope.js";
import type { CircuitBreakers } from "./circuit-breakers.js";

/** How a capable agent is chosen. */
export const DelegationStrategy = {
  /** Spread tasks evenly, in turn. */
  roundRobin: "round_robin",
  /** The agent with the lowest load from its last heartbeat; in turn among equals. The default. */
  leastLoaded: "least_loaded",
  /** The agent whose responses came back fastest so far (agents not yet measured first). */
  lowestLatency: "lowest_latency",
} as const;
export type DelegationStrategy = (typeof DelegationStrategy)[keyof typeof DelegationStrategy];

/** The default strategy. */
export const DEFAULT_DELEGATION_STRATEGY: DelegationStrategy = DelegationStrategy.leastLoaded;

/** Options for {@link Agent.delegate}. */
export interface DelegateOptions extends RequestOptions {
  /** Try this agent first, whatever the strategy. */
  readonly preferredAgent?: string;
  /** @default "least_loaded" */
  readonly strategy?: DelegationStrategy;
  /** The capability agents must announce. @default the task's contract `capability`, else the task type */
  readonly capability?: string;
}

/** Orders capable agents by strategy; `turn` rotates among equals so work spreads. */
export function orderCandidates(
  strategy: DelegationStrategy,
  agents: readonly AgentInfo[],
  turn: number,
): AgentInfo[] {
  const n = agents.length;
  const rotated = agents.map((_, i) => agents[(i + turn) % n] as AgentInfo);
  switch (strategy) {
    case DelegationStrategy.roundRobin:
      return rotated;
    case DelegationStrategy.leastLoaded:
      return [...rotated].sort((a, b) => (a.load ?? 0) - (b.load ?? 0));
    case DelegationStrategy.lowestLatency:
      return [...rotated].sort((a, b) => (a.latencyMs ?? -1) - (b.latencyMs ?? -1));
  }
}

export class Delegation {
  readonly #selfId: string;
  readonly #directory: DirectoryView;
  readonly #request: RequestFn;
  readonly #contracts: () => ContractSet | undefined;
  readonly #turns = new Map<string, number>();
  readonly #breakers: CircuitBreakers | undefined;

  constructor(
    selfId: string,
    directory: DirectoryView,
    request: RequestFn,
    contracts: () => ContractSet | undefined,
    breakers?: CircuitBreakers,
  ) {
    this.#breakers = breakers;
    this.#selfId = selfId;
    this.#directory = directory;
    this.#request = request;
    this.#contracts = contracts;
  }

  async delegate<T>(
    taskType: string,
    taskData: JsonObject,
    options: DelegateOptions = {},
  ): Promise<T> {
    const {
      preferredAgent,
      strategy = DEFAULT_DELEGATION_STRATEGY,
      capability = this.#contracts()?.requests[taskType]?.capability ?? taskType,
      ...requestOptions
    } = options;
    const turn = this.#turns.get(capability) ?? 0;
    this.#turns.set(capability, turn + 1);
    const capable = this.#directory.withCapability(capability).filter((a) => a.id !== this.#selfId);
    const ordered = orderCandidates(strategy, capable, turn).map((a) => a.id);
    const all =
      preferredAgent === undefined
        ? ordered
        : [preferredAgent, ...ordered.filter((id) => id !== preferredAgent)];
    const breakers = this.#breakers;
    const candidates = breakers ? all.filter((id) => !breakers.refuses(id)) : all;
    if (breakers && candidates.length === 0 && all.length > 0) {
      const skipped = all.map((id) => breakers.refusal(id));
      throw new ParleyError(
        ErrorCode.circuit_open,
        `every agent with capability "${capability}" for task "${taskType}" has an open circuit: ${skipped.map((e) => e.message).join("; ")}`,
        { details: { task_type: taskType, capability, skipped: skipped.map((e) => e.details) } },
      );
    }
    if (candidates.length === 0) {
      throw new ParleyError(
        ErrorCode.unavailable,
        `no online agent has capability "${capability}" for task "${taskType}"`,
        { details: { task_type: taskType, capability } },
      );
    }
    const idempotent = this.#contracts()?.requests[taskType]?.idempotent === true;
    // The task's idempotency is what lets the agent's retries ask one candidate again.
    const sendOptions =
      idempotent && requestOptions.idempotent === undefined
        ? { ...requestOptions, idempotent }
        : requestOptions;
    const payload = { task_type: taskType, task_data: taskData, delegating_agent: this.#selfId };
    const tried: string[] = [];
    for (const candidate of candidates) {
      tried.push(candidate);
      try {
        return await this.#request<T>(candidate, "delegate_task", payload, sendOptions);
      } catch (error) {
        const code = isParleyError(error) ? error.code : undefined;
        const retriable = code === ErrorCode.timeout || code === ErrorCode.unavailable;
        const unsent = code === ErrorCode.circuit_open;
        if (!(unsent || (retriable && idempotent)) || tried.length === candidates.length) {
          if (isParleyError(error) && tried.length > 1)
            (error.details as Record<string, unknown>).tried = [...tried];
          throw error;
        }
      }
    }
    throw new ParleyError(ErrorCode.unavailable, `no agent could take task "${taskType}"`, {
      details: { tried },
    });
  }
}
