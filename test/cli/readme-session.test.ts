/**
 * The README's first command-line session: `parley broker`, the example specialist agent,
 * `parley agents`, `parley call` (the broker on a free port instead of 1883).
 */
import { spawn } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";
import { runParley, startParley } from "./parley-process.js";

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

it("finds the example specialist with parley agents and gets its work done with parley call", async () => {
  const broker = startParley(["broker", "--port", "0"]);
  const url = (await broker.waitForLine("stdout", /listening on/)).split(" ").at(-1) ?? "";

  const specialist = spawn(
    process.execPath,
    ["--import", "tsx", repoPath("examples/seed-demo/specialist.ts"), url],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  stops.push(() => specialist.kill("SIGKILL"));
  await new Promise<void>((resolve, reject) => {
    specialist.stdout.setEncoding("utf8");
    specialist.stdout.on("data", (chunk: string) => {
      if (chunk.includes("alexai-specialist serving on")) resolve();
    });
    specialist.once("exit", (code) => reject(new Error(`specialist exited (${code})`)));
  });

  const agents = await runParley(["agents", "--url", url, "--json"]);
  expect(agents.code).toBe(0);
  expect(JSON.parse(agents.stdout)).toEqual([
    expect.objectContaining({
      id: "alexai-specialist",
      capabilities: ["chat", "knowledge_base_search", "document_processing", "voice_interaction"],
      requestTypes: expect.arrayContaining(["delegate_task"]),
    }),
  ]);

  const call = await runParley([
    "call",
    ...["--url", url, "--to", "alexai-specialist", "--type", "knowledge_search"],
    ...["--data", '{"query": "privacy"}'],
  ]);
  expect(call.code).toBe(0);
  expect(JSON.parse(call.stdout)).toMatchObject({
    status: "completed",
    agent_id: "alexai-specialist",
    result: { matches: [expect.stringContaining("Privacy-focused AI assistants")] },
  });

  const exited = new Promise((resolve) => specialist.once("exit", resolve));
  specialist.kill("SIGINT");
  expect(await exited).toBe(0);
  broker.child.kill("SIGINT");
  expect((await broker.exited).code).toBe(0);
}, 60_000);
