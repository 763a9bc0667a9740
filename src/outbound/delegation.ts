/**
 * Delegation, the seed's AgentCoordinator done properly: pick an online agent whose card has the
 * task's capability (by strategy, not just the first match), send it `delegate_task`, and fail
 * over to the next capable agent on `timeout` or `unavailable`, but only when the task's contract
 * says it is idempotent (running it twice is harmless).
 */

import { ErrorCode, isParleyError, ParleyError } from "../errors/parley-error.js";
import type { RequestFn, RequestOptions } from "../inbound/handler-context.js";
import type { AgentInfo, DirectoryView } from "../presence/directory.js";
import type { ContractSet } from "../wire/contracts.js";
import type { JsonObject } from "../wire/envelope.js";

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

  constructor(
    selfId: string,
    directory: DirectoryView,
    request: RequestFn,
    contracts: () => ContractSet | undefined,
  ) {
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
    const candidates =
      preferredAgent === undefined
        ? ordered
        : [preferredAgent, ...ordered.filter((id) => id !== preferredAgent)];
    if (candidates.length === 0) {
      throw new ParleyError(
        ErrorCode.unavailable,
        `no online agent has capability "${capability}" for task "${taskType}"`,
        { details: { task_type: taskType, capability } },
      );
    }
    const idempotent = this.#contracts()?.requests[taskType]?.idempotent === true;
    const payload = { task_type: taskType, task_data: taskData, delegating_agent: this.#selfId };
    const tried: string[] = [];
    for (const candidate of candidates) {
      tried.push(candidate);
      try {
        return await this.#request<T>(candidate, "delegate_task", payload, requestOptions);
      } catch (error) {
        const retriable =
          isParleyError(error) &&
          (error.code === ErrorCode.timeout || error.code === ErrorCode.unavailable);
        // Refused before sending: the next agent may run it even when it is not idempotent.
        const notSent = isParleyError(error) && error.code === ErrorCode.incompatible_contract;
        if ((!notSent && (!retriable || !idempotent)) || tried.length === candidates.length) {
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
