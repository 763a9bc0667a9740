/**
 * Runs a TypeScript fixture as its own Node process (`node --import tsx FILE ARGS`) and collects
 * what it prints. The process is killed when the test finishes, should it hang.
 */
import { spawn } from "node:child_process";
import { onTestFinished } from "vitest";
import { type ChildOutput, collectOutput } from "./child-output.js";

/** `env` replaces the child's environment (default: this process's). */
export function runNodeFixture(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildOutput> {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  onTestFinished(() => {
    child.kill("SIGKILL");
  });
  return collectOutput(child);
}
