/**
 * Where `--breaking-against` finds the earlier contracts: a directory of schema files, or a git
 * ref (a branch, tag or commit), whose copy of the schemas directory is read with `git ls-tree`
 * and `git show`, so the work tree is never touched.
 */
import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type { SchemaInput } from "./load-contracts.js";
import { readSchemaDir } from "./schema-files.js";

const run = promisify(execFile);
/** Schema files are small; this bounds what one `git show` may print. */
const MAX_BUFFER = 64 * 1024 * 1024;

/** The earlier contract files and a phrase naming where they came from. */
export interface EarlierContracts {
  readonly inputs: SchemaInput[];
  /** `directory old-schemas` or `git ref v1.2.0`. */
  readonly source: string;
}

/**
 * Reads the earlier set named by `against`: a directory (relative to `cwd`) when one exists,
 * else a git ref in the repository holding `schemasDir`, read at the same path.
 */
export async function readEarlierContracts(
  against: string,
  cwd: string,
  schemasDir: string,
): Promise<EarlierContracts> {
  const dir = resolve(cwd, against);
  if (await isDirectory(dir))
    return { inputs: await readSchemaDir(dir), source: `directory ${against}` };
  const git = (...args: string[]) =>
    run("git", args, { cwd: schemasDir, maxBuffer: MAX_BUFFER, encoding: "utf8" }).then(
      (r) => r.stdout,
    );
  if (against.startsWith("-")) throw new Error(`--breaking-against ${against}: not a git ref`);
  let commit: string;
  try {
    commit = (await git("rev-parse", "--verify", "--quiet", `${against}^{commit}`)).trim();
  } catch {
    throw new Error(`--breaking-against ${against}: neither a directory nor a git ref`);
  }
  // The schemas directory's path inside the repository, "" at its top.
  const prefix = (await git("rev-parse", "--show-prefix")).trim();
  let listing: string;
  try {
    listing = await git("ls-tree", "-r", "-z", "--full-tree", "--name-only", `${commit}:${prefix}`);
  } catch {
    throw new Error(`--breaking-against ${against}: ${prefix || "the top"} is not in that commit`);
  }
  const paths = listing
    .split("\0")
    .filter((p) => p.endsWith(".json"))
    .sort();
  if (paths.length === 0) {
    throw new Error(
      `--breaking-against ${against}: no schema files under ${prefix || "the top"} in that commit`,
    );
  }
  const inputs = await Promise.all(
    paths.map(async (path) => ({
      path,
      contents: await git("show", `${commit}:${prefix}${path}`),
    })),
  );
  return { inputs, source: `git ref ${against} (${commit.slice(0, 12)})` };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
