/**
 * The one ajv set-up for a contract bundle: Parley's formats, the json-schema-to-typescript
 * keywords tolerated, every bundled type compiled. Codegen emits standalone code from it;
 * `compileContracts` validates with it directly. Schema problems are mapped back to their file.
 */
import { _, Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import type { Bundle } from "./bundle.js";
import { type ProblemList, parsePointer, pointerSegment } from "./codegen-error.js";
import { FORMATS } from "./formats.js";

/**
 * An ajv holding the bundle, every type in it compiled; undefined (with the reasons in
 * `problems`) when a schema is invalid. `standalone` keeps the source for `standaloneCode`.
 */
export function compileBundle(
  bundle: Bundle,
  problems: ProblemList,
  { standalone }: { readonly standalone: boolean },
): Ajv2020 | undefined {
  const ajv = new Ajv2020({
    ...(standalone
      ? { code: { source: true, esm: true, lines: true, formats: _`parleyFormats` } }
      : {}),
    allErrors: true,
    strict: true,
    strictTypes: false,
    allowUnionTypes: true,
  });
  for (const [name, regex] of Object.entries(FORMATS)) ajv.addFormat(name, regex);
  ajv.addKeyword("tsType");
  ajv.addKeyword("tsEnumNames");
  const before = problems.items.length;
  if (!ajv.validateSchema(bundle.schema)) {
    const seen = new Set<string>();
    for (const error of (ajv.errors ?? []) as ErrorObject[]) {
      const where = locate(bundle, error.instancePath);
      const key = `${where.file}#${where.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.add(
        where.file,
        where.pointer,
        `not a valid JSON Schema: ${error.message ?? "invalid"}`,
      );
    }
    return undefined;
  }
  ajv.addSchema(bundle.schema);
  for (const name of Object.keys(bundle.schema.$defs as object)) {
    try {
      ajv.getSchema(bundledTypeRef(bundle, name));
    } catch (error) {
      const where = locate(bundle, `/$defs/${name}`);
      // ajv names the bundle ("at <uri>#"), which means nothing to the user; the pointer says where.
      const message = error instanceof Error ? error.message : String(error);
      problems.add(where.file, where.pointer, message.replace(/ at "[^"]*"/, ""));
    }
  }
  return problems.items.length > before ? undefined : ajv;
}

/** The ajv key of a bundled type. */
export function bundledTypeRef(bundle: Bundle, typeName: string): string {
  return `${bundle.id}#/$defs/${typeName}`;
}

/** Maps a pointer into the bundle back to its file and pointer. */
function locate(bundle: Bundle, instancePath: string): { file: string; pointer: string } {
  const [defs, name, ...rest] = parsePointer(instancePath);
  const origin = defs === "$defs" && name !== undefined ? bundle.origins.get(name) : undefined;
  if (origin === undefined) return { file: "(bundle)", pointer: instancePath };
  return {
    file: origin.file,
    pointer: origin.pointer + rest.map((s) => `/${pointerSegment(s)}`).join(""),
  };
}
