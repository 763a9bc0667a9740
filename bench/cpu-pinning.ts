/**
 * Pinning the in-process scenarios to one CPU. On a shared virtual machine one virtual CPU can run
 * at two thirds of the other's speed for seconds (the host's load, invisible from inside): two
 * processes compared with each other that happen to sit on different CPUs then differ by a third
 * with no difference in code. Processes pinned to the same CPU share whatever it does.
 *
 * Over a broker the processes are not pinned: requester, responder and broker pinned apart must
 * wake each other across CPUs for every message, a fixed cost per message (in a trial, a quarter
 * less throughput) that is the same for every client and so pulls every ratio towards 1.
 */
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

/** The CPU the in-process scenarios run on: any would do, so long as they all share it. */
export const IN_PROCESS_CPU = availableParallelism() - 1;

let unavailable: string | undefined;

/** For the report: where the processes ran, or why they were not pinned (no `taskset`, not Linux). */
export function pinningUsed(): string {
  return unavailable === undefined
    ? `in-process scenarios on CPU ${IN_PROCESS_CPU}; requesters, responders and brokers unpinned`
    : `not pinned (${unavailable})`;
}

/**
 * Pins process `pid` to `cpu`; where that cannot be done (no `taskset`: it fails for the first
 * process or not at all), remembers why and pins nothing more.
 */
export function pinToCpu(pid: number | undefined, cpu: number): void {
  if (pid === undefined || unavailable !== undefined) return;
  try {
    execFileSync("taskset", ["-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
  } catch (error) {
    unavailable = `taskset -p -c ${cpu} ${pid}: ${(error as Error).message}`;
  }
}
