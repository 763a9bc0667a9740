/**
 * One round of a group of scenarios that are compared with each other (the rows of one transport,
 * and the rows their ratios divide by): every scenario on a responder and a requester process of
 * its own, all of them connected at once. Each warms up in turn; then, at every in-flight level,
 * they take turns in short windows (A B C, then C B A, ...), so a slow moment of the shared
 * machine falls on all of them and a ratio no longer depends on when each side happened to run.
 * Fresh processes per group and round: no client library's code arrives JIT-compiled by another
 * scenario. The in-process scenarios all run on one CPU (bench/cpu-pinning.ts). A scenario that
 * fails is reported and left out of the rest of the round.
 */
import { randomUUID } from "node:crypto";
import type { Brokers } from "./brokers.js";
import { type Child, forkChild } from "./child-processes.js";
import { IN_PROCESS_CPU, pinToCpu } from "./cpu-pinning.js";
import { type LoadResult, median } from "./measure.js";
import type { LoadPlan } from "./role-protocol.js";
import type { Scenario } from "./scenarios.js";

const STEP_MS = 30_000;

/** The groups of scenarios compared with each other: the same transport, or linked as peers. */
export function comparedGroups(scenarios: readonly Scenario[]): Scenario[][] {
  const root = new Map<string, string>(scenarios.map((s) => [s.id, s.id]));
  const find = (id: string): string => {
    let at = id;
    while (root.get(at) !== at) at = root.get(at) as string;
    return at;
  };
  const link = (a: string, b: string | undefined): void => {
    if (b !== undefined && root.has(b)) root.set(find(b), find(a));
  };
  const firstOfTransport = new Map<string, string>();
  for (const s of scenarios) {
    link(s.id, firstOfTransport.get(s.transport));
    if (!firstOfTransport.has(s.transport)) firstOfTransport.set(s.transport, s.id);
    for (const peer of [s.rawPeer, s.moleculerPeer, s.baselinePeer, s.floorPeer]) link(s.id, peer);
  }
  const groups = new Map<string, Scenario[]>();
  for (const s of scenarios) {
    const key = find(s.id);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()];
}

/** One level's windows as one result: all their requests over all their time; the latency percentiles are the windows' medians. */
export function joinWindows(windows: readonly LoadResult[]): LoadResult {
  const requests = windows.reduce((sum, w) => sum + w.requests, 0);
  const seconds = windows.reduce((sum, w) => sum + w.seconds, 0);
  return {
    inFlight: windows[0]?.inFlight ?? 0,
    requests,
    seconds,
    reqPerSec: seconds > 0 ? requests / seconds : 0,
    p50Us: median(windows.map((w) => w.p50Us)),
    p99Us: median(windows.map((w) => w.p99Us)),
  };
}

interface Pair {
  readonly scenario: Scenario;
  readonly responder: Child | undefined;
  readonly requester: Child;
}

async function openPair(scenario: Scenario, brokers: Brokers): Promise<Pair> {
  const pair: Pair = {
    scenario,
    responder: scenario.inProcess ? undefined : forkChild("responder"),
    requester: forkChild("requester"),
  };
  const { responder, requester } = pair;
  // The in-process scenarios compared with each other share one CPU (bench/cpu-pinning.ts).
  if (scenario.inProcess) pinToCpu(requester.pid, IN_PROCESS_CPU);
  try {
    await Promise.all([responder?.expect("idle", STEP_MS), requester.expect("idle", STEP_MS)]);
    // Ids and topics of each scenario's own: several share a broker at once.
    const url = scenario.broker ? brokers.urls[scenario.broker] : "memory:";
    const params = { ...scenario.params, url, runId: randomUUID().slice(0, 8) };
    let endpoint: string | undefined;
    if (responder) {
      responder.send({ type: "serve", stack: scenario.stack, params });
      endpoint = (await responder.expect("ready", STEP_MS)).url;
    }
    const connectTo = endpoint ? { ...params, url: endpoint } : params;
    requester.send({ type: "connect", stack: scenario.stack, params: connectTo });
    await requester.expect("connected", STEP_MS);
    return pair;
  } catch (error) {
    await closePair(pair);
    throw error;
  }
}

/** Disconnects and unserves politely (agents leave no session behind), then kills both. */
async function closePair({ responder, requester }: Pair): Promise<void> {
  const politely = async (child: Child | undefined, type: "disconnect" | "unserve") => {
    if (!child) return;
    child.send({ type });
    await child.expect("idle", STEP_MS).catch(() => undefined);
  };
  await politely(requester, "disconnect");
  await politely(responder, "unserve");
  await Promise.all([responder?.stop(), requester.stop()]);
}

async function load(pair: Pair, inFlight: number, durationMs: number): Promise<LoadResult> {
  pair.requester.send({ type: "load", inFlight, durationMs });
  return (await pair.requester.expect("result", STEP_MS + 2 * durationMs)).result;
}

/**
 * Runs one round of `group`; per scenario that completed it, one result per level of the plan.
 * `onFailure` hears of each scenario that failed (it has no results this round).
 */
export async function runGroup(
  group: readonly Scenario[],
  brokers: Brokers,
  plan: LoadPlan,
  onFailure: (scenario: Scenario, error: Error) => void,
): Promise<Map<string, LoadResult[]>> {
  const opened = await Promise.allSettled(group.map((s) => openPair(s, brokers)));
  const pairs: Pair[] = [];
  opened.forEach((outcome, i) => {
    if (outcome.status === "fulfilled") pairs.push(outcome.value);
    else onFailure(group[i] as Scenario, outcome.reason as Error);
  });
  const failed = new Set<Pair>();
  const attempt = async (pair: Pair, run: () => Promise<LoadResult>) => {
    if (failed.has(pair)) return undefined;
    try {
      return await run();
    } catch (error) {
      failed.add(pair);
      onFailure(pair.scenario, error as Error);
      return undefined;
    }
  };
  try {
    for (const pair of pairs) await attempt(pair, () => load(pair, 10, plan.warmupMs));
    const results = new Map<Pair, LoadResult[]>(pairs.map((p) => [p, []]));
    const window = plan.durationMs / plan.slices;
    for (const inFlight of plan.levels) {
      const windows = new Map<Pair, LoadResult[]>(pairs.map((p) => [p, []]));
      for (let slice = 0; slice < plan.slices; slice++) {
        const order = slice % 2 === 0 ? pairs : [...pairs].reverse();
        for (const pair of order) {
          const result = await attempt(pair, () => load(pair, inFlight, window));
          if (result) windows.get(pair)?.push(result);
        }
      }
      for (const pair of pairs) results.get(pair)?.push(joinWindows(windows.get(pair) ?? []));
    }
    return new Map(
      pairs.filter((p) => !failed.has(p)).map((p) => [p.scenario.id, results.get(p) ?? []]),
    );
  } finally {
    await Promise.all(pairs.map(closePair));
  }
}
