/**
 * A remote sender cannot exhaust an agent's memory through what it answers. An agent with
 * default options and an echo handler, in its own process with a 256 MB heap, is sent 150
 * requests carrying 100,000-deep arrays (~200 KB on the wire, megabytes as objects) and 150
 * requests of ~800 KB: it answers each (a typed error where the echo cannot be encoded), stays
 * alive, and what it holds afterwards is bounded (the response cache keeps encoded bytes, within
 * `responseCacheBytes`). Before, it kept every handler's result and died of heap exhaustion.
 */
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runNodeFixture } from "../harness/node-fixture.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/flooded-echo-agent.ts", import.meta.url));
const DEEP = 150;
const LARGE = 150;

it("an agent flooded with deep and large requests to echo stays alive with its memory bounded", async () => {
  const run = await runNodeFixture(FIXTURE, [String(DEEP), String(LARGE)], {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=256 --expose-gc`,
  });
  expect(run.stderr).not.toContain("heap out of memory");
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as {
    codes: Record<string, number>;
    heapUsedMb: number;
    arrayBuffersMb: number;
  };
  // Every request answered: the deep echo cannot be encoded (a typed error), the large one can.
  expect(report.codes).toEqual({ invalid_response: DEEP, ok: LARGE });
  // 300 requests of 200-800 KB went through; what stays is a small part of it.
  expect(report.heapUsedMb + report.arrayBuffersMb).toBeLessThan(128);
}, 180_000);
