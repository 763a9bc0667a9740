/**
 * What `npm pack` would publish: the licence and changelog, every file the exports map and the bin
 * name, and no source maps (none dangling either).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";

let packed: Set<string>;

beforeAll(() => {
  // --ignore-scripts: the listing of dist/ as built (npm test builds first), without building again.
  const run = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: repoPath("."),
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const [listing] = JSON.parse(run.stdout) as { files: { path: string }[] }[];
  packed = new Set(listing?.files.map((file) => file.path));
});

describe("npm pack", () => {
  it("ships the licence, the changelog, the readme and the bin", () => {
    for (const path of ["LICENSE", "CHANGELOG.md", "README.md", "package.json", "bin/parley.js"]) {
      expect(packed, path).toContain(path);
    }
  });

  it("ships every file the exports map names", () => {
    const { exports } = JSON.parse(readFileSync(repoPath("package.json"), "utf8"));
    const targets = Object.values<string | Record<string, string>>(exports).flatMap((entry) =>
      typeof entry === "string" ? [entry] : Object.values(entry),
    );
    expect(targets.length).toBeGreaterThan(10);
    for (const target of targets) expect(packed, target).toContain(target.replace(/^\.\//, ""));
  });

  it("ships no tests or benchmarks", () => {
    const stray = [...packed].filter((path) => /^(dist\/)?(test|bench)\//.test(path));
    expect(stray).toEqual([]);
  });

  it("ships no source maps, and no script points at one", () => {
    // The runtime is published without maps (with their sources they were over half its size).
    const scripts = [...packed].filter((path) => path.endsWith(".js") && path.startsWith("dist/"));
    expect(scripts.length).toBeGreaterThan(50);
    expect([...packed].filter((path) => path.endsWith(".map"))).toEqual([]);
    const linked = scripts.filter((script) =>
      /\/\/# sourceMappingURL=/.test(readFileSync(repoPath(script), "utf8")),
    );
    expect(linked).toEqual([]);
  });
});
