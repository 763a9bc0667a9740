/**
 * The bench pins its in-process scenarios to one CPU (bench/cpu-pinning.ts): a pinned child may
 * run on its CPU only, and the report says where the processes ran.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { IN_PROCESS_CPU, pinningUsed, pinToCpu } from "../../bench/cpu-pinning.js";

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function allowedCpus(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1] ?? "";
}

describe("pinning the bench's processes", () => {
  it("leaves a child on the one CPU it was given", () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
    children.push(child);
    const pid = child.pid as number;
    pinToCpu(pid, 0);
    expect(allowedCpus(pid)).toBe("0");
    pinToCpu(pid, IN_PROCESS_CPU);
    expect(allowedCpus(pid)).toBe(String(IN_PROCESS_CPU));
    expect(pinningUsed()).toContain(`in-process scenarios on CPU ${IN_PROCESS_CPU}`);
  });
});
