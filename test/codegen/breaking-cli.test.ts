/**
 * `parley codegen --breaking-against` as CI runs it, in a real temporary git repository: against a
 * tag, against HEAD with uncommitted edits, against a directory; the exit code says whether a
 * breaking change came without a major version bump.
 */
import { execFile } from "node:child_process";
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliIo, runCodegenCli } from "../../codegen/index.js";
import { PING_SET, tempDir, writeFiles } from "./codegen-fixtures.js";

const exec = promisify(execFile);

async function run(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd, out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await runCodegenCli(argv, io);
  return { code, out, err };
}

/** The ping contract of PING_SET with `change` applied, written over the one in `dir`. */
/** The ping contract as the tests edit it. */
interface PingContract {
  version: string;
  request: { required: string[]; properties: { count: { minimum: number } } };
  errors: Record<string, { description: string }>;
}

async function editPing(dir: string, change: (contract: PingContract) => void) {
  const contract = JSON.parse(PING_SET[0]?.contents ?? "{}") as PingContract;
  change(contract);
  await writeFile(join(dir, "schemas/requests/ping.json"), JSON.stringify(contract, null, 2));
}

describe("parley codegen --breaking-against", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const git = (...args: string[]) => exec("git", args, { cwd: dir });
  const commit = (message: string) =>
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", message);

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFiles(join(dir, "schemas"), PING_SET);
    await writeFile(join(dir, "README.md"), "a project\n");
    await git("init", "--quiet", "--initial-branch=main");
    await git("add", "-A");
    await commit("v1");
    await git("tag", "v1");
  });
  afterEach(() => cleanup());

  it("a new required request field without a major bump exits 1, naming the change and the contract", async () => {
    await editPing(dir, (c) => {
      c.version = "1.1.0";
      c.request.required.push("at");
    });
    const result = await run(dir, "--breaking-against", "v1");
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `breaking  requests/ping.json#/request/required: new required field "at" (an old caller's request may now be refused)`,
    );
    expect(result.out).toContain(
      "ok        requests/ping.json#/version: version 1.0.0 -> 1.1.0 (a version is what tells breaking changes apart)",
    );
    expect(result.out.at(-1)).toMatch(
      /^2 change\(s\) since git ref v1 \([0-9a-f]{12}\), 1 breaking$/,
    );
    expect(result.err).toEqual([
      'fail: requests/ping.json: 1 breaking change(s) to request type "ping" without a major version bump (1.0.0 -> 1.1.0)',
      "parley codegen --breaking-against: 1 contract(s) break old users without a major version bump",
    ]);
  });

  it("the same change with a major bump exits 0 and still lists it", async () => {
    await editPing(dir, (c) => {
      c.version = "2.0.0";
      c.request.required.push("at");
    });
    const result = await run(dir, "--breaking-against", "v1");
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(
      result.out.some((l) => l.startsWith("breaking  requests/ping.json#/request/required")),
    ).toBe(true);
  });

  it("a response change through a $ref'd shared file is found, against HEAD with the edit uncommitted", async () => {
    // common/pong.json is the response of ping; letting "echo" be absent breaks old callers.
    const pong = JSON.parse(PING_SET[1]?.contents ?? "{}");
    pong.required = [];
    await writeFile(join(dir, "schemas/common/pong.json"), JSON.stringify(pong));
    const result = await run(dir, "--breaking-against", "HEAD");
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `breaking  requests/ping.json#/response/required: field "echo" no longer required (an old caller may now receive what it did not expect)`,
    );
  });

  it("safe changes exit 0; no changes say so", async () => {
    expect(await run(dir, "--breaking-against", "main")).toEqual({
      code: 0,
      out: [
        expect.stringMatching(/^no changes to the contracts since git ref main \([0-9a-f]{12}\)$/),
      ],
      err: [],
    });
    await editPing(dir, (c) => {
      c.version = "1.1.0";
      c.request.properties.count.minimum = -10;
      c.errors.busy = { description: "Try later." };
    });
    const result = await run(dir, "--breaking-against", "v1");
    expect(result.code).toBe(0);
    expect(result.out.filter((l) => l.startsWith("breaking"))).toEqual([]);
    expect(result.out).toHaveLength(4);
  });

  it("compares with a directory of schema files, and a removed request type exits 1", async () => {
    await cp(join(dir, "schemas"), join(dir, "old-schemas"), { recursive: true });
    await exec("rm", [join(dir, "schemas/requests/ping.json")]);
    const result = await run(dir, "--breaking-against", "old-schemas");
    expect(result.code).toBe(1);
    expect(result.out[0]).toBe(
      "breaking  requests/ping.json#: request type removed (old callers' requests now get unknown_request_type)",
    );
    expect(result.err[0]).toBe('fail: requests/ping.json: request type "ping" was removed');
  });

  it("a ref that is neither a directory nor in the repository, or lacks the schemas, is a one-line error", async () => {
    expect(await run(dir, "--breaking-against", "v9")).toEqual({
      code: 1,
      out: [],
      err: ["parley codegen: --breaking-against v9: neither a directory nor a git ref"],
    });
    await git("checkout", "--quiet", "--orphan", "empty");
    await git("rm", "-r", "--quiet", "--cached", "schemas");
    await commit("no schemas");
    const missing = await run(dir, "--breaking-against", "empty");
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual([
      "parley codegen: --breaking-against empty: schemas/ is not in that commit",
    ]);
  });

  it("does not go with --check or --stubs", async () => {
    const result = await run(dir, "--breaking-against", "v1", "--check");
    expect(result.code).toBe(2);
    expect(result.err[0]).toBe(
      "parley codegen: --breaking-against writes and checks no generated code: leave out --check, --stubs and --asyncapi",
    );
  });
});
