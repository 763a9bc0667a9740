/**
 * A private broker process (mosquitto, nats-server) on a free loopback port, which a test can
 * stop and restart on the same port, and which is always killed at teardown (also when the test
 * runner exits abruptly).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { portAnswers, waitForPort } from "./free-port.js";

/** How to run one broker binary. */
export interface BrokerCommand {
  /** Absolute path of the binary, e.g. `/usr/sbin/mosquitto`. */
  readonly binary: string;
  /** The Debian package that provides it, named in the error when the binary is missing. */
  readonly debianPackage: string;
  readonly args: readonly string[];
  readonly port: number;
}

/** A running broker process. */
export interface BrokerProcess {
  readonly port: number;
  /** Output the broker wrote so far (for failure messages). */
  output(): string;
  /** Kills the process (SIGKILL: no goodbye to clients) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same arguments. */
  restart(): Promise<void>;
  /** Kills it for good. Idempotent. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts the broker and resolves once its port accepts connections. */
export async function startBrokerProcess(command: BrokerCommand): Promise<BrokerProcess> {
  if (!existsSync(command.binary)) {
    throw new Error(
      `${command.binary} not found: install it with "apt-get install -y ${command.debianPackage}"`,
    );
  }
  if (await portAnswers(command.port)) {
    throw new Error(`port ${command.port} is in use: cannot start ${command.binary} there`);
  }
  let child: ChildProcess | undefined;
  let log = "";

  async function start(): Promise<void> {
    const proc = spawn(command.binary, [...command.args], { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    running.add(proc);
    proc.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    proc.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    proc.once("exit", () => running.delete(proc));
    const exited = new Promise<never>((_, reject) =>
      proc.once("exit", (code) =>
        reject(new Error(`${command.binary} exited (${code}) before listening:\n${log}`)),
      ),
    );
    exited.catch(() => {});
    await Promise.race([waitForPort(command.port), exited]);
  }

  async function kill(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill("SIGKILL");
    });
  }

  await start();
  return {
    port: command.port,
    output: () => log,
    kill,
    async restart() {
      await kill();
      await start();
    },
    stop: kill,
  };
}
