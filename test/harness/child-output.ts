/** What a child process prints, collected until it exits. */
import type { ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";

/** What the child printed, and how it exited. */
export interface ChildOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

/** Resolves once the child has exited and its output is read; rejects if it could not start. */
export function collectOutput(
  child: ChildProcessByStdio<Writable | null, Readable, Readable>,
): Promise<ChildOutput> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ stdout, stderr, code }));
  });
}
