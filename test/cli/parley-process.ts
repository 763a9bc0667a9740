/**
 * Runs the real `parley` binary (`node bin/parley.js`, which needs `npm run build`; `npm test`
 * builds first) as a child process: to completion, or long-running with its output read line by
 * line. Every process started here is killed after each test.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterEach } from "vitest";
import { repoPath } from "../harness/seed-python.js";

const BIN = repoPath("bin/parley.js");

/** How a run ended and what it printed. */
export interface ParleyResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `parley` process. */
export interface ParleyProcess {
  readonly child: ChildProcess;
  /** Resolves with the first line (already printed or to come) on `stream` that matches. */
  waitForLine(stream: "stdout" | "stderr", match: RegExp): Promise<string>;
  /** Complete lines printed on `stream` so far. */
  lines(stream: "stdout" | "stderr"): string[];
  /** Resolves when the process has exited. */
  readonly exited: Promise<ParleyResult>;
}

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
});

function assertBuilt(): void {
  if (!existsSync(repoPath("dist/cli/main.js")))
    throw new Error('dist/cli/main.js is missing: run "npm run build" first (npm test does)');
}

/**
 * The environment of a child: ours without NO_COLOR, so plain output comes from the pipe alone,
 * and without PARLEY_URL, so only a test that sets it gets a default --url.
 */
function childEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, PARLEY_URL: _url, ...env } = process.env;
  return { ...env, ...extra };
}

/** Starts `parley ...args` with stdout and stderr piped; `input` is its stdin (default empty). */
export function startParley(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  input?: string,
): ParleyProcess {
  assertBuilt();
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: childEnv(env),
  });
  // Empty stdin unless given; a child that exits without reading it is no error here.
  child.stdin.on("error", () => {});
  child.stdin.end(input ?? "");
  running.add(child);
  const text = { stdout: "", stderr: "" };
  const waiters = new Set<() => void>();
  let closed = false;
  for (const stream of ["stdout", "stderr"] as const) {
    child[stream].setEncoding("utf8");
    child[stream].on("data", (chunk: string) => {
      text[stream] += chunk;
      for (const check of [...waiters]) check();
    });
  }
  const exited = new Promise<ParleyResult>((resolve) => {
    child.once("close", (code, signal) => {
      running.delete(child);
      closed = true;
      resolve({ code, signal, stdout: text.stdout, stderr: text.stderr });
      for (const check of [...waiters]) check();
    });
  });
  const lines = (stream: "stdout" | "stderr") => text[stream].split("\n").slice(0, -1);
  return {
    child,
    exited,
    lines,
    waitForLine(stream, match) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const line = lines(stream).find((l) => match.test(l));
          if (line !== undefined) {
            waiters.delete(check);
            resolve(line);
          } else if (closed) {
            waiters.delete(check);
            reject(
              new Error(
                `parley ${args.join(" ")} exited before printing ${match} on ${stream}\n` +
                  `stdout:\n${text.stdout}\nstderr:\n${text.stderr}`,
              ),
            );
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs `parley ...args` to completion; `input` is its stdin (default empty). */
export function runParley(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  input?: string,
): Promise<ParleyResult> {
  return startParley(args, env, input).exited;
}

/** The stderr of a run as lines, without the trailing empty one. */
export function stderrLines(result: ParleyResult): string[] {
  return result.stderr.split("\n").filter((line) => line !== "");
}
