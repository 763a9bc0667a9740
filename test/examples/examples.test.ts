/** Every example under examples/ runs to completion on its own and shows what it is about. */
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";
import { runVitest } from "../harness/vitest-run.js";

function runExample(name: string): string {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", repoPath(`examples/${name}/main.ts`)],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout;
}

it("streaming: tokens as they come, then a cancelled generation that stops on the model's side", () => {
  const out = runExample("streaming");
  expect(out).toContain("[app] You asked: what is Parley?. Here is a long and thoughtful answer.");
  expect(out).toContain('[app] done: {"tokens":12,"finish_reason":"stop"}');
  expect(out).toContain("[app] cancelled after 20 tokens");
  expect(out).toMatch(
    /\[model\] generation stopped after \d+ tokens \(ParleyError: "app" cancelled the request\)/,
  );
}, 60_000);

it("worker-pool: twelve requests, each handled by exactly one of three workers", () => {
  const out = runExample("worker-pool");
  const counts = [...out.matchAll(/ {2}resizer-\d: (\d+)/g)].map((m) => Number(m[1]));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
  expect(counts.length).toBeGreaterThan(1);
}, 60_000);

it("delegation: round robin over capable agents, then failover from a stuck one", () => {
  const out = runExample("delegation");
  expect(out).toContain("[boss] capable agents: archivist, flaky, librarian");
  expect(out.match(/round robin -> /g)).toHaveLength(3);
  expect(out).toMatch(/\[boss\] flaky timed out; failed over to (archivist|librarian)/);
}, 60_000);

it("signed-messages: the signed request is served; the unsigned one refused by the bank without a reply, served by alice", () => {
  const out = runExample("signed-messages");
  expect(out).toContain("[alice] { ok: true, amount: 20, to: 'alice' }");
  expect(out).toContain("[stranger] { hello: 'stranger' }");
  expect(out).toContain('[bank] refused a request: unauthorized: unsigned message from "stranger"');
  expect(out).toContain('[stranger] timeout: request "withdraw" to "bank" timed out');
  expect(out).not.toContain("replayed");
}, 60_000);

it("testing: a handler through its generated client, a timeout in virtual time, a failover under a partition", async () => {
  const run = await runVitest("examples/testing/vitest.config.ts");
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.results.map(({ title, status }) => ({ title, status }))).toEqual([
    {
      title: "answers knowledge_search through the generated client, validated both ways",
      status: "passed",
    },
    { title: "times a slow search out after two minutes, in virtual time", status: "passed" },
    {
      title: "fails a delegation over to another librarian when a partition cuts the first one off",
      status: "passed",
    },
  ]);
}, 60_000);

it("opentelemetry: the span tree of one request across three agents, one trace", () => {
  const out = runExample("opentelemetry");
  expect(out).toContain('[frontdesk] {"city":"Lisbon","plan":"walk by the river"}');
  expect(out).toMatch(/^trace [0-9a-f]{32} \(4 spans\):$/m);
  const tree = out
    .split("\n")
    .filter((line) => line.startsWith("  "))
    .map((line) => line.replace(/ {2}[\d.]+ ms$/, ""));
  expect(tree).toEqual([
    "  send plan_trip  [client, frontdesk]",
    "    process plan_trip  [server, planner]",
    "      send forecast  [client, planner]",
    "        process forecast  [server, weather]",
  ]);
}, 60_000);
