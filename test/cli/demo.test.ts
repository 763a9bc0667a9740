/** `parley demo`: the seed's demo over an embedded broker by default, or over the broker at --url. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { type ParleyResult, runParley } from "./parley-process.js";

let mosquitto: RunningBroker;
beforeAll(async () => {
  mosquitto = await startMosquittoBroker();
});
afterAll(async () => {
  await mosquitto?.stop();
});

function expectDemoCompleted(result: ParleyResult): void {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("[alexai-main] discovered alexai-specialist");
  expect(result.stdout).toMatch(/Task delegation result: \{\s+"status": "completed"/);
  expect(result.stdout).toContain("[alexai-specialist] system_update from alexai-main");
}

it("runs over an embedded MQTT broker on a free port when no URL is given", async () => {
  const result = await runParley(["demo"]);
  expectDemoCompleted(result);
  expect(result.stdout).toMatch(
    /^transport: mqtt \(embedded broker at mqtt:\/\/127\.0\.0\.1:\d+\)$/m,
  );
});

it("runs over the broker given with --url", async () => {
  const result = await runParley(["demo", "--url", mosquitto.url]);
  expectDemoCompleted(result);
  expect(result.stdout).toContain(`transport: ${mosquitto.url}`);
});

it("runs in one process with --url memory:", async () => {
  const result = await runParley(["demo", "--url", "memory:"]);
  expectDemoCompleted(result);
});

it("runs over the broker in PARLEY_URL when no --url is given", async () => {
  const result = await runParley(["demo"], { PARLEY_URL: mosquitto.url });
  expectDemoCompleted(result);
  expect(result.stdout).toContain(`transport: ${mosquitto.url}`);
});
