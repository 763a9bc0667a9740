/**
 * What `npm install` of Parley pulls in: packs `parley-a2a` and `parley-a2a-codegen` (`npm pack`),
 * installs them with `--omit=dev` into empty projects (core alone, core plus each transport's
 * client library, core plus the code generator) and prints each install's size and package count
 * as a markdown table, with the targets. `npm run size` (it builds first); `--json FILE` also
 * writes the rows. Needs the npm registry for the client libraries and the generator's
 * dependencies. Sizes are apparent sizes (`du --apparent-size`) of `node_modules`, in MB of 10^6.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const MB = 1_000_000;
/** The budget for Parley itself: core alone, or on top of one client library. */
const BUDGET_BYTES = 1.25 * MB;

/** One measured install. */
export interface InstallRow {
  readonly name: string;
  readonly packages: number;
  readonly bytes: number;
  /** The client library alone, when the install has one. */
  readonly libraryBytes: number | undefined;
  /** The most this install may take, or undefined when it has no target. */
  readonly targetBytes: number | undefined;
  readonly target: string;
}

/** One install to measure: what goes into the empty project, and its target. */
interface Scenario {
  readonly name: string;
  /** Tarball paths or `name@range` specs. */
  readonly install: readonly string[];
  /** The client library alone, whose size plus the budget is the target. */
  readonly library?: readonly string[];
  /** A fixed target, for core alone. */
  readonly fixedTarget?: number;
}

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Packs the package in `dir` (already built) into `out`; returns the tarball's path. */
function pack(dir: string, out: string): string {
  const listing = JSON.parse(
    run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], dir),
  ) as { filename: string }[];
  const file = listing[0]?.filename;
  if (file === undefined) throw new Error(`npm pack in ${dir} made no tarball`);
  return join(out, file);
}

/** Installs `specs` into a new empty project under `base`; returns its size and package count. */
function measureInstall(
  base: string,
  label: string,
  specs: readonly string[],
): { packages: number; bytes: number } {
  const dir = mkdtempSync(join(base, `${label.replace(/\W+/g, "-")}-`));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "probe", private: true }));
  run("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", ...specs], dir);
  const lock = JSON.parse(readFileSync(join(dir, "node_modules/.package-lock.json"), "utf8")) as {
    packages: Record<string, unknown>;
  };
  const packages = Object.keys(lock.packages).filter((key) => key.startsWith("node_modules/"));
  const du = run("du", ["-s", "--apparent-size", "--block-size=1", "node_modules"], dir);
  return { packages: packages.length, bytes: Number(du.split(/\s/)[0]) };
}

/** `name@range` of each optional peer, as the runtime's package.json declares it. */
function peerSpec(name: string): string {
  const { peerDependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    peerDependencies: Record<string, string>;
  };
  const range = peerDependencies[name];
  if (range === undefined) throw new Error(`package.json has no peer dependency ${name}`);
  return `${name}@${range}`;
}

function scenarios(core: string, codegen: string): Scenario[] {
  const mqtt = [peerSpec("mqtt")];
  const nats = [peerSpec("@nats-io/transport-node"), peerSpec("@nats-io/nats-core")];
  const ws = [peerSpec("ws")];
  const aedes = [peerSpec("aedes")];
  return [
    { name: "core + memory transport", install: [core], fixedTarget: BUDGET_BYTES },
    { name: "core + mqtt", install: [core, ...mqtt], library: mqtt },
    { name: "core + nats", install: [core, ...nats], library: nats },
    { name: "core + ws (WebSocket hub and client)", install: [core, ...ws], library: ws },
    {
      name: "core + mqtt + aedes (embedded broker)",
      install: [core, ...mqtt, ...aedes],
      library: [...mqtt, ...aedes],
    },
    { name: "core + parley-a2a-codegen (devDependency)", install: [core, codegen] },
  ];
}

/** Measures every scenario; the libraries alone too, for the targets. */
export function measureAll(base: string): InstallRow[] {
  const packs = join(base, "packs");
  mkdirSync(packs);
  const core = pack(root, packs);
  const codegen = pack(join(root, "codegen"), packs);
  return scenarios(core, codegen).map((scenario) => {
    const { packages, bytes } = measureInstall(base, scenario.name, scenario.install);
    if (scenario.library !== undefined) {
      const library = measureInstall(base, `${scenario.name} library`, scenario.library);
      return {
        name: scenario.name,
        packages,
        bytes,
        libraryBytes: library.bytes,
        targetBytes: library.bytes + BUDGET_BYTES,
        target: "library + 1.25 MB",
      };
    }
    const targetBytes = scenario.fixedTarget;
    return {
      name: scenario.name,
      packages,
      bytes,
      libraryBytes: undefined,
      targetBytes,
      target: targetBytes === undefined ? "none" : mb(targetBytes),
    };
  });
}

function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(2)} MB`;
}

/** The rows as a markdown table. */
export function formatTable(rows: readonly InstallRow[]): string {
  const lines = [
    "| install (`--omit=dev`) | packages | size | of which the library | target | size / target |",
    "| --- | ---: | ---: | ---: | --- | ---: |",
  ];
  for (const row of rows) {
    const ratio =
      row.targetBytes === undefined ? "" : `${((100 * row.bytes) / row.targetBytes).toFixed(0)}%`;
    const library = row.libraryBytes === undefined ? "" : mb(row.libraryBytes);
    lines.push(
      `| ${row.name} | ${row.packages} | ${mb(row.bytes)} | ${library} | ${row.target} | ${ratio} |`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const jsonIndex = process.argv.indexOf("--json");
  const jsonFile = jsonIndex === -1 ? undefined : process.argv[jsonIndex + 1];
  const base = mkdtempSync(join(tmpdir(), "parley-install-size-"));
  try {
    const rows = measureAll(base);
    console.log(formatTable(rows));
    if (jsonFile !== undefined) writeFileSync(jsonFile, `${JSON.stringify(rows, null, 2)}\n`);
    const over = rows.filter((row) => row.targetBytes !== undefined && row.bytes > row.targetBytes);
    if (over.length > 0) {
      console.error(`over target: ${over.map((row) => row.name).join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
