/**
 * The requester's load: `concurrency` workers share `requests` numbered requests (a closed loop)
 * and count how each ended. A request still unsettled `hangMarginMs` after its own timeout counts
 * as hung and its worker moves on, so a hang never stalls the run.
 */
import { type Agent, isParleyError } from "../../src/index.js";
import { RECORD } from "./agents.js";
import { emptyOutcomes, type Outcomes, settledCount } from "./outcomes.js";
import type { LoadPlan } from "./protocol.js";

const HUNG = Symbol("hung");

function afterMs(ms: number): Promise<typeof HUNG> {
  return new Promise((resolve) => setTimeout(() => resolve(HUNG), ms));
}

/** Sends the plan's requests to `to`; `onHalfway` runs once when half of them have settled. */
export async function runLoad(
  agent: Agent,
  to: string,
  plan: LoadPlan,
  onHalfway: () => void,
): Promise<Outcomes> {
  const outcomes = emptyOutcomes();
  let next = 0;
  let halfwaySent = false;

  const noteSettled = (): void => {
    if (!halfwaySent && settledCount(outcomes) >= plan.requests / 2) {
      halfwaySent = true;
      onHalfway();
    }
  };

  async function one(n: number): Promise<boolean> {
    const sentAt = Date.now();
    const request = agent.request<{ n: number }>(to, RECORD, { n }, { timeout: plan.timeoutMs });
    try {
      const reply = await Promise.race([request, afterMs(plan.timeoutMs + plan.hangMarginMs)]);
      if (reply === HUNG) outcomes.hung++;
      else if (reply.n === n) outcomes.resolved++;
      else outcomes.wrongAnswers++;
      return true;
    } catch (error) {
      const code = isParleyError(error) ? error.code : "other";
      outcomes.rejected[code] = (outcomes.rejected[code] ?? 0) + 1;
      outcomes.slowestRejectionMs = Math.max(outcomes.slowestRejectionMs, Date.now() - sentAt);
      return false;
    } finally {
      noteSettled();
    }
  }

  async function worker(): Promise<void> {
    while (next < plan.requests) {
      const ok = await one(next++);
      if (!ok) await afterMs(plan.backoffMs);
    }
  }

  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  return outcomes;
}
