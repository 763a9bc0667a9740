/**
 * `npm start` (the seed's demo) runs to completion on its own, over an embedded MQTT broker on a
 * free port, and prints the delegated result.
 */
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";

it("runs the seed's demo over an embedded broker to completion and exits 0", () => {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", repoPath("examples/seed-demo/main.ts")],
    {
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^transport: mqtt \(embedded broker at mqtt:\/\/127\.0\.0\.1:\d+\)$/m);
  expect(run.stdout).toContain("[alexai-main] discovered alexai-specialist");
  expect(run.stdout).toMatch(/Task delegation result: \{\s+"status": "completed"/);
  expect(run.stdout).toContain("Privacy-focused AI assistants");
  expect(run.stdout).toContain("[alexai-specialist] system_update from alexai-main");
}, 60_000);
