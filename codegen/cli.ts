/**
 * `parley codegen`: the thin shell around {@link generate}. It reads the schema directory,
 * then writes the output (or, with `--check`, compares it) and scaffolds `--stubs`; with
 * `--asyncapi FILE` it writes {@link generateAsyncApi}'s document instead, and with
 * `--breaking-against` it compares the contracts with an earlier set (breaking-cli.ts). (`--from` is the
 * `parley` command's: it fetches a live agent's contracts, then runs this on them.)
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { generateAsyncApi } from "./asyncapi.js";
import { runBreakingCheck } from "./breaking-cli.js";
import type { CliIo } from "./cli-io.js";
import { CodegenError, formatProblem } from "./codegen-error.js";
import { generate, readContracts } from "./generate.js";
import {
  listGeneratedFiles,
  readIfExists,
  readPackageConfig,
  readSchemaDir,
} from "./schema-files.js";
import { generateStubs } from "./stubs.js";

const USAGE = `usage: parley codegen [--schemas DIR] [--out DIR] [--check] [--stubs DIR] [--runtime-import SPEC|none]
       parley codegen --breaking-against DIR|GIT-REF [--schemas DIR]
       parley codegen [--schemas DIR] --asyncapi FILE [--check]
       parley codegen --from URL --agent ID [--timeout SECONDS] [--ca FILE] [--cert FILE --key FILE] [--out DIR | --asyncapi FILE] ...
  --schemas DIR         contract files (default: schemas)
  --out DIR             generated code (default: src/generated)
  --check               exit 1, naming the files, when the committed output is stale; write nothing
  --stubs DIR           also scaffold a handler file per request type that has none (never overwrites)
  --runtime-import SPEC module the generated code imports Parley's types from (the contract types from
                        its contracts entry: SPEC/contracts, or contracts.js beside it); "none" makes it
                        self-contained (default: package.json "parley.codegen.runtimeImport", else parley-a2a)
  --breaking-against DIR|GIT-REF
                        compare the contracts with an earlier set (a directory, or the schemas directory
                        at a git ref), list each change as breaking or not, write nothing; exit 1 when a
                        breaking change comes without a major version bump (docs/contracts.md)
  --asyncapi FILE       write an AsyncAPI 3.0.0 document of the contracts to FILE instead of code
  --from URL            the broker of a running agent: generate from the contracts it serves
                        (the built-in parley.contracts request), not from --schemas
  --agent ID            with --from: the agent to ask
  --timeout SECONDS     with --from: how long to wait for its answer (default 10)`;

const defaultIo: CliIo = {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs `parley codegen` with `argv` (the arguments after `codegen`); resolves to the exit code. */
export async function runCodegenCli(
  argv: readonly string[],
  io: CliIo = defaultIo,
): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.err(`parley codegen: ${error instanceof Error ? error.message : String(error)}`);
    io.err(USAGE);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const schemasDir = resolve(io.cwd, args.schemas);
  const outDir = resolve(io.cwd, args.out);
  const show = (path: string) => relative(io.cwd, path).split(sep).join("/") || ".";
  try {
    const inputs = await readSchemaDir(schemasDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT")
        throw new Error(`schema directory ${show(schemasDir)} does not exist`);
      throw error;
    });
    if (args.breakingAgainst !== undefined)
      return await runBreakingCheck(inputs, schemasDir, args.breakingAgainst, io);
    if (args.asyncapi !== undefined)
      return await writeAsyncApi(inputs, resolve(io.cwd, args.asyncapi), args.check, show, io);
    const config = await readPackageConfig(io.cwd);
    const configured = args.runtimeImport ?? config.runtimeImport;
    const files = await generate(inputs, {
      ...(configured === undefined
        ? {}
        : { runtimeImport: configured === "none" ? null : configured }),
      ...(config.envelopeDateTimeModule === undefined
        ? {}
        : { envelopeDateTimeModule: config.envelopeDateTimeModule }),
    });
    const stale: string[] = [];
    const wanted = new Set(files.map((f) => f.path));
    for (const file of files) {
      const target = join(outDir, file.path);
      const current = await readIfExists(target);
      if (current === file.contents) continue;
      if (args.check) {
        stale.push(`${show(target)} (${current === undefined ? "missing" : "out of date"})`);
        continue;
      }
      await mkdir(outDir, { recursive: true });
      await writeFile(target, file.contents);
      io.out(`wrote ${show(target)}`);
    }
    for (const name of await listGeneratedFiles(outDir)) {
      if (wanted.has(name)) continue;
      const target = join(outDir, name);
      if (args.check) {
        stale.push(`${show(target)} (no longer generated)`);
        continue;
      }
      await rm(target);
      io.out(`removed ${show(target)}`);
    }
    if (args.check && stale.length > 0) {
      for (const line of stale) io.err(`stale: ${line}`);
      io.err(
        `parley codegen --check: ${stale.length} generated file(s) are stale; run \`parley codegen\``,
      );
      return 1;
    }
    if (args.stubs !== undefined)
      await writeStubs(inputs, outDir, resolve(io.cwd, args.stubs), show, io);
    return 0;
  } catch (error) {
    if (error instanceof CodegenError) {
      for (const problem of error.problems) io.err(formatProblem(problem, show(schemasDir)));
      return 1;
    }
    io.err(`parley codegen: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function writeAsyncApi(
  inputs: Awaited<ReturnType<typeof readSchemaDir>>,
  target: string,
  check: boolean,
  show: (path: string) => string,
  io: CliIo,
): Promise<number> {
  const contents = generateAsyncApi(inputs);
  const current = await readIfExists(target);
  if (current === contents) return 0;
  if (check) {
    io.err(`stale: ${show(target)} (${current === undefined ? "missing" : "out of date"})`);
    io.err(
      "parley codegen --check: the AsyncAPI document is stale; run `parley codegen --asyncapi`",
    );
    return 1;
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, contents);
  io.out(`wrote ${show(target)}`);
  return 0;
}

async function writeStubs(
  inputs: Awaited<ReturnType<typeof readSchemaDir>>,
  outDir: string,
  stubsDir: string,
  show: (path: string) => string,
  io: CliIo,
): Promise<void> {
  let generatedImport = relative(stubsDir, outDir).split(sep).join("/");
  if (!generatedImport.startsWith(".")) generatedImport = `./${generatedImport}`;
  await mkdir(stubsDir, { recursive: true });
  for (const stub of generateStubs(readContracts(inputs), generatedImport)) {
    const target = join(stubsDir, stub.path);
    try {
      await writeFile(target, stub.contents, { flag: "wx" });
      io.out(`scaffolded ${show(target)}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      io.out(`kept ${show(target)} (exists)`);
    }
  }
}

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      schemas: { type: "string", default: "schemas" },
      out: { type: "string", default: "src/generated" },
      check: { type: "boolean", default: false },
      stubs: { type: "string" },
      "runtime-import": { type: "string" },
      "breaking-against": { type: "string" },
      asyncapi: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.check && values.stubs !== undefined)
    throw new Error("--check and --stubs do not go together");
  if (
    values["breaking-against"] !== undefined &&
    (values.check || values.stubs !== undefined || values.asyncapi !== undefined)
  )
    throw new Error(
      "--breaking-against writes and checks no generated code: leave out --check, --stubs and --asyncapi",
    );
  if (values.asyncapi !== undefined && values.stubs !== undefined)
    throw new Error("--asyncapi and --stubs do not go together");
  return {
    schemas: values.schemas,
    out: values.out,
    check: values.check,
    stubs: values.stubs,
    runtimeImport: values["runtime-import"],
    breakingAgainst: values["breaking-against"],
    asyncapi: values.asyncapi,
    help: values.help,
  };
}
