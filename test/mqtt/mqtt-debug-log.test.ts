/**
 * mqtt.js's debug logging: off costs nothing (the transport hands mqtt.js a logger that does
 * nothing), and `DEBUG=mqttjs*` still turns it on, as mqtt.js documents.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { runNodeFixture } from "../harness/node-fixture.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/connect-publish-close.ts", import.meta.url));

let broker: BrokerProcess;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker?.stop();
});

/** Runs the fixture with `DEBUG` as given (unset when undefined). */
function runFixture(debug: string | undefined) {
  const env = { ...process.env };
  delete env.DEBUG;
  if (debug !== undefined) env.DEBUG = debug;
  return runNodeFixture(FIXTURE, [`mqtt://127.0.0.1:${broker.port}`], env);
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
