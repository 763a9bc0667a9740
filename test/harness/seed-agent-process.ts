/** A seed agent in its own Python process (test/interop/seed_agent.py), driven line by line. */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { assertSeedRunnable, repoPath, SEED_PYTHON, seedDir } from "./seed-python.js";

export type SeedEvent = { readonly event: string } & Record<string, unknown>;

export interface SeedAgentProcess {
  /** Sends a command and resolves with the next event of the given kind. */
  command(command: Record<string, unknown>, awaitEvent: string): Promise<SeedEvent>;
  stop(): Promise<SeedEvent>;
  kill(): void;
}

export async function startSeedAgent(
  host: string,
  port: number,
  agentId: string,
): Promise<SeedAgentProcess> {
  assertSeedRunnable();
  const child: ChildProcessWithoutNullStreams = spawn(SEED_PYTHON, [
    repoPath("test/interop/seed_agent.py"),
    seedDir(),
    host,
    String(port),
    agentId,
  ]);
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const waiting: { kind: string; resolve: (e: SeedEvent) => void; reject: (e: Error) => void }[] =
    [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const event = JSON.parse(line) as SeedEvent;
    const index = waiting.findIndex((w) => w.kind === event.event);
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(event);
  });
  child.once("exit", (code) => {
    for (const w of waiting.splice(0))
      w.reject(new Error(`seed agent exited (${code}):\n${stderr}`));
  });
  const next = (kind: string): Promise<SeedEvent> =>
    new Promise((resolve, reject) => {
      waiting.push({ kind, resolve, reject });
    });
  await next("ready");
  return {
    command(command, awaitEvent) {
      const event = next(awaitEvent);
      child.stdin.write(`${JSON.stringify(command)}\n`);
      return event;
    },
    stop() {
      const event = next("stopped");
      child.stdin.write(`${JSON.stringify({ cmd: "stop" })}\n`);
      return event;
    },
    kill() {
      child.kill("SIGKILL");
    },
  };
}
