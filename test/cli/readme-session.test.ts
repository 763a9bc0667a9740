/**
 * The README's first command-line session, run as written: `parley broker`, the example
 * specialist agent, `parley watch`, `parley agents`, `parley call` (the broker on a free port
 * instead of 1883, as `--port 0` allows). docs/cli.md shows the same session with its output.
 */
import { spawn } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";
import { documentedSession } from "./documented-session.js";
import { runParley, startParley } from "./parley-process.js";

const DOCUMENTED_URL = "mqtt://127.0.0.1:1883";
const session = documentedSession("README.md", "## The command line");

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** The documented command that starts with `prefix`, without `npx`. */
function command(...prefix: string[]): string[] {
  const found = session.find((words) => prefix.every((word, i) => words[i + 1] === word));
  if (!found) throw new Error(`the README's session has no "npx ${prefix.join(" ")}"`);
  return found.slice(1);
}

/** The arguments of the documented `npx parley SUBCOMMAND ...`, for the binary. */
const parley = (subcommand: string) => command("parley", subcommand).slice(1);

it("is the session docs/cli.md shows", () => {
  expect(documentedSession("docs/cli.md", "## A first session")).toEqual(session);
  expect(session.map((words) => words.slice(0, 3).join(" "))).toEqual([
    "npx parley broker",
    "npx tsx examples/seed-demo/specialist.ts",
    "npx parley watch",
    "npx parley agents",
    "npx parley call",
  ]);
});

it("finds the example specialist with parley agents and gets its work done with parley call", async () => {
  const broker = startParley([...parley("broker"), "--port", "0"]);
  const url = (await broker.waitForLine("stdout", /listening on/)).split(" ").at(-1) ?? "";
  const here = (args: string[]) => args.map((arg) => (arg === DOCUMENTED_URL ? url : arg));

  const [script = "", ...scriptArgs] = here(command("tsx").slice(1));
  const specialist = spawn(process.execPath, ["--import", "tsx", repoPath(script), ...scriptArgs], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  stops.push(() => specialist.kill("SIGKILL"));
  await new Promise<void>((resolve, reject) => {
    specialist.stdout.setEncoding("utf8");
    specialist.stdout.on("data", (chunk: string) => {
      if (chunk.includes("alexai-specialist serving on")) resolve();
    });
    specialist.once("exit", (code) => reject(new Error(`specialist exited (${code})`)));
  });

  const watch = startParley(here(parley("watch")));
  await watch.waitForLine("stderr", /watching/);

  // As documented (a table), then with --json for the exact fields (one after the other: each
  // would list the other's short-lived agent).
  const table = await runParley(here(parley("agents")));
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^ID\s+NAME\s+CAPABILITIES/);
  expect(table.stdout).toMatch(
    /\nalexai-specialist\s+AlexAI\s+chat,knowledge_base_search\S*\s+\S*knowledge_search\S*\s+online/,
  );

  const agents = await runParley([...here(parley("agents")), "--json"]);
  expect(agents.code).toBe(0);
  expect(JSON.parse(agents.stdout)).toEqual([
    expect.objectContaining({
      id: "alexai-specialist",
      capabilities: ["chat", "knowledge_base_search", "document_processing", "voice_interaction"],
      requestTypes: expect.arrayContaining(["delegate_task"]),
    }),
  ]);

  const call = await runParley(here(parley("call")));
  expect(call.code).toBe(0);
  expect(JSON.parse(call.stdout)).toMatchObject({
    status: "completed",
    agent_id: "alexai-specialist",
    result: { matches: [expect.stringContaining("Privacy-focused AI assistants")] },
  });
  await watch.waitForLine(
    "stdout",
    /alexai-specialist -> parley-cli-\S+\s+response\s+knowledge_search/,
  );

  watch.child.kill("SIGINT");
  expect((await watch.exited).code).toBe(0);
  const exited = new Promise((resolve) => specialist.once("exit", resolve));
  specialist.kill("SIGINT");
  expect(await exited).toBe(0);
  broker.child.kill("SIGINT");
  expect((await broker.exited).code).toBe(0);
}, 60_000);
