/**
 * One run: a broker, a responder process and a requester process; the requester sends its
 * requests, and when half have settled the harness crashes the broker or the responder, waits,
 * and starts it again (same port, same agent id). The requester's counts and the responder's
 * execution log make the result.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Child, forkEntry, siblingModule } from "../child-processes.js";
import { readExecutionLog } from "./execution-log.js";
import { startKillableBroker } from "./killable-brokers.js";
import type { Outcomes } from "./outcomes.js";
import type { AgentParams, LoadMessage, LoadPlan, ReliabilityMessage } from "./protocol.js";
import type { ReliabilityScenario } from "./scenarios.js";

/** The plan of every run, plus how long the crashed part stays down. */
export interface RunSettings extends LoadPlan {
  readonly downtimeMs: number;
}

/** What one run measured. */
export interface RunResult {
  readonly scenario: ReliabilityScenario;
  readonly outcomes: Outcomes;
  /** Handler runs in the responder(s), and request ids whose handler ran more than once. */
  readonly handlerRuns: number;
  readonly duplicated: number;
  /** Start-up (broker, agents), load until halfway, and from the restart to the last settled request. */
  readonly timings: { startupMs: number; halfwayMs: number; afterFaultMs: number };
}

/** A run that could not finish (a child failed or took too long): the table says so and goes on. */
export interface FailedRun {
  readonly scenario: ReliabilityScenario;
  readonly error: string;
}

const STARTUP_MS = 30_000;
type ChildOf = Child<ReliabilityMessage, LoadMessage>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function forkAgent(role: "responder" | "requester", params: AgentParams): Promise<ChildOf> {
  const args = role === "responder" ? [role, JSON.stringify(params)] : [role];
  const child = forkEntry<ReliabilityMessage, LoadMessage>(
    siblingModule(import.meta.url, "child"),
    args,
    `${role} process`,
  );
  await child.expect("ready", STARTUP_MS).catch(async (error: unknown) => {
    await child.stop();
    throw error;
  });
  return child;
}

/** Longest a run may take after its fault: every request could wait out its timeout in turn. */
function resultBudgetMs(settings: RunSettings): number {
  const rounds = Math.ceil(settings.requests / settings.concurrency);
  const perRequest = settings.timeoutMs + settings.hangMarginMs + settings.backoffMs;
  return Math.min(rounds * perRequest, 600_000) + STARTUP_MS;
}

export async function runOnce(
  scenario: ReliabilityScenario,
  settings: RunSettings,
): Promise<RunResult> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), "parley-reliability-"));
  const broker = await startKillableBroker(scenario.broker);
  const children: ChildOf[] = [];
  try {
    const params: AgentParams = {
      requesterUrl: broker.url,
      responderUrl: broker.responderUrl,
      runId: randomUUID().slice(0, 8),
      executionLog: join(dir, "executions.log"),
      ...(scenario.mqttVersion === undefined ? {} : { mqttVersion: scenario.mqttVersion }),
      ...(scenario.responderReconnectMs === undefined
        ? {}
        : { responderReconnectMs: scenario.responderReconnectMs }),
    };
    let responder = await forkAgent("responder", params);
    children.push(responder);
    const requester = await forkAgent("requester", params);
    children.push(requester);
    const { downtimeMs, ...plan } = settings;
    requester.send({ type: "load", params, plan });
    const loadStarted = Date.now();
    await requester.expect("halfway", resultBudgetMs(settings));
    const halfwayMs = Date.now() - loadStarted;
    if (scenario.fault === "broker") {
      await broker.kill();
      await sleep(downtimeMs);
      await broker.restart();
    } else {
      await responder.stop();
      await sleep(downtimeMs);
      responder = await forkAgent("responder", params);
      children.push(responder);
    }
    const restartedAt = Date.now();
    const { outcomes } = await requester.expect("result", resultBudgetMs(settings));
    const afterFaultMs = Date.now() - restartedAt;
    const { runs, duplicated } = readExecutionLog(params.executionLog);
    return {
      scenario,
      outcomes,
      handlerRuns: runs,
      duplicated,
      timings: { startupMs: loadStarted - started, halfwayMs, afterFaultMs },
    };
  } finally {
    await Promise.allSettled(children.map((child) => child.stop()));
    await broker.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
