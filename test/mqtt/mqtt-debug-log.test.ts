/**
 * mqtt.js's debug logging: off costs nothing (the transport hands mqtt.js a logger that does
 * nothing), and `DEBUG=mqttjs*` still turns it on, as mqtt.js documents.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/connect-publish-close.ts", import.meta.url));

let broker: BrokerProcess;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker?.stop();
});

/** Runs the fixture with `DEBUG` as given (unset when undefined); resolves with its output. */
function runFixture(debug: string | undefined): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.DEBUG;
  if (debug !== undefined) env.DEBUG = debug;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", FIXTURE, `mqtt://127.0.0.1:${broker.port}`],
    { stdio: ["ignore", "pipe", "pipe"], env },
  );
  onTestFinished(() => {
    child.kill("SIGKILL");
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("close", () => resolve({ stdout, stderr })));
}

describe("mqtt.js debug logging", { timeout: 30_000 }, () => {
  it("is silent without DEBUG", async () => {
    const { stdout, stderr } = await runFixture(undefined);
    expect(stdout.trim()).toBe("done");
    expect(stderr).not.toMatch(/mqttjs/);
  });

  it("logs mqtt.js's steps with DEBUG=mqttjs*", async () => {
    const { stdout, stderr } = await runFixture("mqttjs*");
    expect(stdout.trim()).toBe("done");
    expect(stderr).toMatch(/mqttjs:client .*publish/);
  });
});
