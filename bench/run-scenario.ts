/**
 * One run of one scenario on a pair of worker processes: the responder serves, the requester
 * measures, then the responder stops serving. A failed run leaves the pair to be replaced.
 */
import { randomUUID } from "node:crypto";
import type { Brokers } from "./brokers.js";
import { type Child, forkChild } from "./child-processes.js";
import type { LoadResult } from "./measure.js";
import type { LoadPlan } from "./role-protocol.js";
import type { Scenario } from "./scenarios.js";

const STEP_MS = 30_000;

/** The responder and requester processes of a round. */
export interface Workers {
  readonly responder: Child;
  readonly requester: Child;
}

export async function startWorkers(): Promise<Workers> {
  const responder = forkChild("responder");
  const requester = forkChild("requester");
  try {
    await Promise.all([responder.expect("idle", STEP_MS), requester.expect("idle", STEP_MS)]);
    return { responder, requester };
  } catch (error) {
    await stopWorkers({ responder, requester });
    throw error;
  }
}

export async function stopWorkers(workers: Workers): Promise<void> {
  await Promise.all([workers.responder.stop(), workers.requester.stop()]);
}

export async function runScenario(
  scenario: Scenario,
  workers: Workers,
  brokers: Brokers,
  plan: LoadPlan,
): Promise<LoadResult[]> {
  const runId = randomUUID().slice(0, 8);
  const url = scenario.broker ? brokers.urls[scenario.broker] : "memory:";
  const params = { ...scenario.params, url, runId };
  const { responder, requester } = workers;
  let endpoint: string | undefined;
  if (!scenario.inProcess) {
    responder.send({ type: "serve", stack: scenario.stack, params });
    endpoint = (await responder.expect("ready", STEP_MS)).url;
  }
  requester.send({
    type: "measure",
    stack: scenario.stack,
    params: endpoint ? { ...params, url: endpoint } : params,
    plan,
  });
  const measuring = plan.warmupMs + plan.levels.length * plan.durationMs;
  const { results } = await requester.expect("result", STEP_MS + 2 * measuring);
  if (!scenario.inProcess) {
    responder.send({ type: "unserve" });
    await responder.expect("idle", STEP_MS);
  }
  return results;
}
