/**
 * Children of the benchmarks (Node brokers, responders, requesters), forked with an IPC channel.
 * Every child is killed when the run ends, fails, or is interrupted (SIGINT, SIGTERM).
 */
import { type ChildProcess, fork } from "node:child_process";
import type { ChildMessage, ParentMessage, Role } from "./role-protocol.js";

const live = new Set<ChildProcess>();

/** What every child may send instead of the message its parent waits for. */
export interface ChildFailure {
  readonly type: "failed";
  readonly error: string;
}

/** A forked child and the messages it sends. */
export interface Child<Out extends { readonly type: string } = ChildMessage, In = ParentMessage> {
  /** The next message of this type; rejects if the child fails, exits or takes too long. */
  expect<T extends Out["type"]>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>>;
  send(message: In): void;
  /** Kills it (SIGKILL) and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
  /** The process id (for pinning it to a CPU). */
  readonly pid: number | undefined;
}

/**
 * The module `name` next to `base` (an `import.meta.url`): `npm run bench` runs the tsc output
 * (as users run Parley), so a compiled parent forks `.js`; under tsx the children use tsx too.
 */
export function siblingModule(base: string, name: string): URL {
  return new URL(base.endsWith(".js") ? `./${name}.js` : `./${name}.ts`, base);
}

/** Forks `entry` with these arguments; `name` names the child in errors. */
export function forkEntry<Out extends { readonly type: string }, In>(
  entry: URL,
  args: readonly string[],
  name: string,
): Child<Out, In> {
  const proc = fork(entry, [...args], {
    execArgv: entry.pathname.endsWith(".ts") ? ["--import", "tsx"] : [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  live.add(proc);
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  void exited.then(() => live.delete(proc));
  const inbox: (Out | ChildFailure)[] = [];
  proc.on("message", (message: Out | ChildFailure) => inbox.push(message));

  function expect<T extends Out["type"]>(type: T, timeoutMs: number) {
    return new Promise<Extract<Out, { type: T }>>((resolve, reject) => {
      const settle = (outcome: () => void): void => {
        clearTimeout(timer);
        proc.off("message", check);
        proc.off("exit", onExit);
        outcome();
      };
      function take(): boolean {
        const index = inbox.findIndex((m) => m.type === type || m.type === "failed");
        const message = inbox[index];
        if (message === undefined) return false;
        inbox.splice(index, 1);
        if (message.type === "failed")
          settle(() => reject(new Error(`${name} failed: ${(message as ChildFailure).error}`)));
        else settle(() => resolve(message as Extract<Out, { type: T }>));
        return true;
      }
      function check(): void {
        take();
      }
      function onExit(): void {
        if (!take())
          settle(() => reject(new Error(`${name} exited (${proc.exitCode ?? proc.signalCode})`)));
      }
      const timer = setTimeout(
        () => settle(() => reject(new Error(`${name}: no "${type}" after ${timeoutMs} ms`))),
        timeoutMs,
      );
      proc.on("message", check);
      proc.once("exit", onExit);
      if (proc.exitCode !== null || proc.signalCode !== null) onExit();
      else take();
    });
  }

  return {
    expect,
    send: (message) => proc.send(message as object),
    pid: proc.pid,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}

/** A child of the throughput benchmark in `role`. */
export function forkChild(role: Role): Child {
  return forkEntry(siblingModule(import.meta.url, "child-role"), [role], `${role} process`);
}

/** Kills every child still running, at once (for the exit handler). */
export function killAllChildren(): void {
  for (const proc of live) proc.kill("SIGKILL");
}
