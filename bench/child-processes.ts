/**
 * Children of the benchmark (Node brokers, responders, requesters), forked with an IPC channel.
 * Every child is killed when the run ends, fails, or is interrupted (SIGINT, SIGTERM).
 */
import { type ChildProcess, fork } from "node:child_process";
import type { ChildMessage, ParentMessage, Role } from "./role-protocol.js";

// `npm run bench` runs the tsc output (as users run Parley); under tsx the children use tsx too.
const compiled = import.meta.url.endsWith(".js");
const ENTRY = new URL(compiled ? "./child-role.js" : "./child-role.ts", import.meta.url);
const live = new Set<ChildProcess>();

/** A forked child and the messages it sends. */
export interface Child {
  /** The next message of this type; rejects if the child fails, exits or takes too long. */
  expect<T extends ChildMessage["type"]>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<ChildMessage, { type: T }>>;
  send(message: ParentMessage): void;
  /** Kills it (SIGKILL) and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
}

export function forkChild(role: Role): Child {
  const name = `${role} process`;
  const proc = fork(ENTRY, [role], {
    execArgv: compiled ? [] : ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  live.add(proc);
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  void exited.then(() => live.delete(proc));
  const inbox: ChildMessage[] = [];
  proc.on("message", (message: ChildMessage) => inbox.push(message));

  function expect<T extends ChildMessage["type"]>(type: T, timeoutMs: number) {
    return new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
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
          settle(() => reject(new Error(`${name} failed: ${message.error}`)));
        else settle(() => resolve(message as Extract<ChildMessage, { type: T }>));
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
    send: (message) => proc.send(message),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}

/** Kills every child still running, at once (for the exit handler). */
export function killAllChildren(): void {
  for (const proc of live) proc.kill("SIGKILL");
}
