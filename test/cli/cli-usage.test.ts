/** The command line itself: help, and one-line errors with the right exit code. No broker needed. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { freePort } from "../harness/free-port.js";
import { repoPath } from "../harness/seed-python.js";
import { runParley, stderrLines } from "./parley-process.js";

/** Every command, in the order `parley --help` lists them. */
const COMMANDS = ["broker", "agents", "call", "watch", "mcp", "hub", "codegen", "demo"];
/** The commands that take --url, so PARLEY_URL too. */
const URL_COMMANDS = ["agents", "call", "watch", "mcp", "demo"];

describe("parley --help", () => {
  it("lists every command and exits 0", async () => {
    const result = await runParley(["--help"]);
    expect(result.code).toBe(0);
    // Exactly these: a command added without a --help check here fails this test.
    const listed = [...result.stdout.matchAll(/^ {2}(\S+) /gm)].map((match) => match[1]);
    expect(listed).toEqual(COMMANDS);
  });

  it.each(COMMANDS)("parley %s --help prints its usage and exits 0", async (name) => {
    const result = await runParley([name, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: parley ${name}`));
    expect(result.stderr).toBe("");
  });
});

describe("parley --version", () => {
  it.each(["--version", "-v"])("parley %s prints the package.json version", async (flag) => {
    const { version } = JSON.parse(readFileSync(repoPath("package.json"), "utf8"));
    const result = await runParley([flag]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.stderr).toBe("");
  });

  it("is in the help", async () => {
    expect((await runParley(["--help"])).stdout).toMatch(/^ +parley --version +print the version/m);
  });
});

describe("PARLEY_URL, the default --url", () => {
  it.each(URL_COMMANDS)(
    "parley %s --help names PARLEY_URL as the default of --url",
    async (name) => {
      const result = await runParley([name, "--help"]);
      expect(result.stdout).toMatch(/--url URL[\s\S]*default: \$PARLEY_URL/);
    },
  );

  it("is used when --url is not given", async () => {
    const result = await runParley(["agents"], { PARLEY_URL: "amqp://127.0.0.1:5672" });
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toEqual([
      expect.stringContaining('parley agents: unsupported URL "amqp://127.0.0.1:5672"'),
    ]);
  });

  it("gives way to --url", async () => {
    const result = await runParley(["watch", "--url", "amqp://127.0.0.1:1"], {
      PARLEY_URL: "amqp://127.0.0.1:5672",
    });
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toEqual([
      expect.stringContaining('parley watch: unsupported URL "amqp://127.0.0.1:1"'),
    ]);
  });

  it("is named when neither is given (an empty PARLEY_URL counts as unset)", async () => {
    const result = await runParley(["call", "--to", "a", "--type", "b"], { PARLEY_URL: "" });
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toEqual([
      'parley call: --url URL is required (or set PARLEY_URL) (see "parley call --help")',
    ]);
  });
});

describe("usage errors exit 2 with one line on stderr", () => {
  it.each([
    [["frobnicate"], 'parley: unknown command "frobnicate"'],
    [[], "usage: parley <command>"],
    [
      ["agents", "--url", "mqtt://127.0.0.1:1", "--bogus"],
      "parley agents: Unknown option '--bogus'",
    ],
    [["watch", "--json"], "parley watch: --url URL is required"],
    [["call", "--url", "mqtt://127.0.0.1:1", "--to", "a"], "parley call: --type TYPE is required"],
    [["agents", "--url", "mqtt://127.0.0.1:1", "--wait", "soon"], "parley agents: --wait must be"],
    [["broker", "--port", "70000"], "parley broker: --port must be a port number"],
    [["broker", "extra"], "parley broker: Unexpected argument 'extra'"],
  ])("parley %j", async (args, expected) => {
    const result = await runParley(args);
    expect(result.code).toBe(2);
    expect(stderrLines(result)[0]).toContain(expected);
    if (args.length > 0) expect(stderrLines(result)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("refuses --data that is not JSON before connecting anywhere", async () => {
    const result = await runParley([
      "call",
      ...["--url", "mqtt://127.0.0.1:1", "--to", "worker", "--type", "double"],
      ...["--data", "{x: 1}"],
    ]);
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toHaveLength(1);
    expect(result.stderr).toMatch(/^parley call: --data is not valid JSON: /);
    expect(result.stdout).toBe("");
  });

  it("refuses --data - when stdin is not JSON, in one line, before connecting anywhere", async () => {
    const args = ["call", "--url", "mqtt://127.0.0.1:1", "--to", "w", "--type", "t", "--data", "-"];
    const result = await runParley(args, {}, '{"x":\n  1,,\n}\n');
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toHaveLength(1);
    expect(result.stderr).toMatch(/^parley call: --data - \(stdin\) is not valid JSON: /);
    expect(result.stdout).toBe("");
  });

  it("refuses --data - when stdin is empty or not an object", async () => {
    const args = ["call", "--url", "mqtt://127.0.0.1:1", "--to", "w", "--type", "t", "--data", "-"];
    const empty = await runParley(args, {}, "\n");
    expect(empty.code).toBe(2);
    expect(stderrLines(empty)).toEqual([
      'parley call: --data - (stdin): stdin is empty (see "parley call --help")',
    ]);
    const list = await runParley(args, {}, "[1,\n2]");
    expect(list.code).toBe(2);
    expect(stderrLines(list)).toEqual([
      'parley call: --data - (stdin) must be a JSON object, got [1, 2] (see "parley call --help")',
    ]);
  });

  it("refuses --data that is JSON but not an object", async () => {
    const result = await runParley([
      "call",
      ...["--url", "mqtt://127.0.0.1:1", "--to", "worker", "--type", "double", "--data", "[1,2]"],
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^parley call: --data must be a JSON object/);
  });

  it("names the supported schemes for a URL it does not know", async () => {
    const result = await runParley(["agents", "--url", "amqp://127.0.0.1:5672"]);
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toEqual([
      'parley agents: unsupported URL "amqp://127.0.0.1:5672": use one of mqtt://, mqtts://, nats://, ws://, wss://, memory: (see "parley agents --help")',
    ]);
  });
});

describe("failures exit 1 with one line on stderr", () => {
  it("says which hub it cannot reach", async () => {
    const url = `ws://127.0.0.1:${await freePort()}`; // nothing listens there
    const result = await runParley(["agents", "--url", url]);
    expect(result.code).toBe(1);
    expect(stderrLines(result)).toHaveLength(1);
    expect(result.stderr).toMatch(/^parley agents: .*127\.0\.0\.1/);
  });

  it("says which broker it cannot reach", async () => {
    const url = `mqtt://127.0.0.1:${await freePort()}`; // nothing listens there
    const result = await runParley(["call", "--url", url, "--to", "a", "--type", "b"]);
    expect(result.code).toBe(1);
    expect(stderrLines(result)).toHaveLength(1);
    expect(result.stderr).toContain(`parley call: mqtt: cannot connect to ${url}: `);
  });
});
