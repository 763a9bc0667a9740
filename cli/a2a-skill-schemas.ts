/**
 * The JSON Schemas `parley a2a-gateway` shows on Agent Cards: the bundled seed contracts' and,
 * with `--schemas DIR`, the user's (theirs win). Reading them needs parley-a2a-codegen; without it
 * the gateway still runs (and still checks requests against the seed contracts), its cards only
 * lack schemas, and a note says so.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { SkillSchemas } from "../src/a2a/index.js";
import { MissingPackageError } from "../src/util/optional-package.js";
import { loadCodegen } from "./codegen-package.js";

/** The seed's contract files, shipped in the package's `schemas/`. */
function seedSchemaDir(): string {
  const manifest = createRequire(import.meta.url).resolve("parley-a2a/package.json");
  return join(dirname(manifest), "schemas");
}

/** The schemas by request type; `note` is told when there are none to show. */
export async function loadA2aSkillSchemas(
  userDir: string | undefined,
  note: (line: string) => void,
): Promise<SkillSchemas> {
  let codegen: Awaited<ReturnType<typeof loadCodegen>>;
  try {
    codegen = await loadCodegen("--schemas");
  } catch (error) {
    // --schemas needs the generator; without it the schemas only decorate the cards.
    if (userDir !== undefined) throw error;
    const why =
      error instanceof MissingPackageError
        ? "parley-a2a-codegen is not installed"
        : `parley-a2a-codegen could not be loaded (${error instanceof Error ? error.message : String(error)})`;
    note(`note: ${why}: Agent Cards show no JSON Schemas`);
    return {};
  }
  // An older parley-a2a-codegen (before 0.2) cannot read them.
  if (typeof codegen.skillSchemas !== "function") {
    note("note: parley-a2a-codegen is too old to read JSON Schemas: Agent Cards show none");
    return {};
  }
  const seed = codegen.skillSchemas(await codegen.readSchemaDir(seedSchemaDir()));
  if (userDir === undefined) return seed;
  return { ...seed, ...codegen.skillSchemas(await codegen.readSchemaDir(userDir)) };
}
