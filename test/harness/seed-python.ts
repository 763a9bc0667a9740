/**
 * Runs the seed's Python protocol (`../shared/seed/seed_a2a.py` beside the checkout) with Debian's
 * python3 and python3-paho-mqtt, as a real seed agent would run.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { collectOutput } from "./child-output.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Debian's interpreter: python3-paho-mqtt installs for it, not for other pythons on PATH. */
export const SEED_PYTHON = "/usr/bin/python3";

/** The folder holding seed_a2a.py. */
export function seedDir(): string {
  const dir = process.env.PARLEY_SEED_DIR ?? resolve(repoRoot, "../shared/seed");
  if (!existsSync(join(dir, "seed_a2a.py"))) {
    throw new Error(
      `seed_a2a.py not found in ${dir}: set PARLEY_SEED_DIR to the folder holding it`,
    );
  }
  return dir;
}

/** Throws one line naming the package to install when the seed cannot run here. */
export function assertSeedRunnable(): void {
  const probe = spawnSync(SEED_PYTHON, ["-c", "import paho.mqtt.client"], { encoding: "utf8" });
  if (probe.status !== 0) {
    throw new Error(
      `the seed needs ${SEED_PYTHON} with paho: apt-get install -y python3 python3-paho-mqtt`,
    );
  }
}

/** Runs a Python script with `args`, feeding `input`; resolves with stdout, rejects on failure. */
export async function runPython(
  script: string,
  args: readonly string[],
  input = "",
  timeoutMs = 30_000,
): Promise<string> {
  assertSeedRunnable();
  const child = spawn(SEED_PYTHON, [script, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    timeout: timeoutMs,
  });
  const output = collectOutput(child);
  child.stdin.end(input);
  const { stdout, stderr, code } = await output;
  if (code !== 0) throw new Error(`${script} exited ${code}:\n${stderr}`);
  return stdout;
}

export const repoPath = (...parts: string[]): string => join(repoRoot, ...parts);
