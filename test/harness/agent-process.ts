/**
 * A Node fixture that runs an agent in its own process and reports what it does as JSON lines on
 * stdout (`{"event":"ready"}`, ...), so a test can wait for a step and then kill the process as a
 * crash would (SIGKILL: no goodbye, no clean DISCONNECT). Killed when the test finishes, should it
 * still run.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { onTestFinished } from "vitest";

export type AgentProcessEvent = { readonly event: string } & Record<string, unknown>;

export interface AgentProcess {
  /** Resolves with the next event of this kind (or one already seen and not yet taken). */
  next(event: string): Promise<AgentProcessEvent>;
  /** SIGKILL, and resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Starts `node --import tsx file ...args` and resolves once it reports `ready`. */
export async function startAgentProcess(
  file: string,
  args: readonly string[],
): Promise<AgentProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  onTestFinished(() => {
    child.kill("SIGKILL");
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const seen: AgentProcessEvent[] = [];
  const waiting: { kind: string; resolve: (e: AgentProcessEvent) => void }[] = [];
  let exited: Error | undefined;
  const failures = new Set<(error: Error) => void>();
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    const event = JSON.parse(line) as AgentProcessEvent;
    const index = waiting.findIndex((w) => w.kind === event.event);
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(event);
    else seen.push(event);
  });
  const gone = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = new Error(`agent process exited (${code ?? signal}):\n${stderr}`);
      for (const fail of failures) fail(exited);
      resolve();
    });
  });
  const next = (kind: string): Promise<AgentProcessEvent> => {
    const index = seen.findIndex((e) => e.event === kind);
    if (index >= 0) return Promise.resolve(seen.splice(index, 1)[0] as AgentProcessEvent);
    if (exited) return Promise.reject(exited);
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      failures.add(fail);
      waiting.push({
        kind,
        resolve: (event) => {
          failures.delete(fail);
          resolve(event);
        },
      });
    });
  };
  await next("ready");
  return {
    next,
    async kill() {
      child.kill("SIGKILL");
      await gone;
    },
  };
}
