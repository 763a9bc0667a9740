/**
 * Second pass: gathers every schema that becomes a named type into one bundle, `{ $defs: { Name:
 * schema } }`, with each `$ref` rewritten to a pointer inside the bundle. Both
 * json-schema-to-typescript and ajv then read the same self-contained document, so `$ref` between
 * files means the same thing to both, and neither ever touches the file system or network.
 */
import { type ProblemList, parsePointer, pointerSegment } from "./codegen-error.js";
import type { ContractModel, LoadedFile } from "./load-contracts.js";
import { pascalCase } from "./names.js";
import { isObject, type SchemaObject, walkSchema } from "./schema-walk.js";

/** Where a bundled schema came from. */
export interface Origin {
  readonly file: string;
  readonly pointer: string;
}

/** The bundle and the way back from it to the files. */
export interface Bundle {
  /** `{ $id, $defs }`, defs sorted by name; only those the contracts reach. */
  readonly schema: SchemaObject;
  readonly id: string;
  readonly origins: ReadonlyMap<string, Origin>;
}

/** Type names of a request contract's request and response. */
export function requestTypeNames(name: string): { request: string; response: string } {
  const base = pascalCase(name);
  return { request: `${base}Request`, response: `${base}Response` };
}

/** Type name of a broadcast contract's payload. */
export function broadcastTypeName(name: string): string {
  return `${pascalCase(name)}Broadcast`;
}

/** Builds the bundle; problems (bad `$ref`s, name clashes) go to `problems`. */
export function buildBundle(model: ContractModel, baseUri: string, problems: ProblemList): Bundle {
  const id = `${baseUri}parley-bundle.json`;
  const byUri = new Map(model.files.map((f) => [f.uri, f]));
  const names = new Map<string, string>(); // "file#pointer" -> type name
  const origins = new Map<string, Origin>();
  for (const file of model.files) {
    for (const root of file.roots) {
      const name = rootTypeName(file, root);
      const clash = origins.get(name);
      if (clash !== undefined) {
        const where = `${clash.file}#${clash.pointer}`;
        problems.add(
          file.path,
          root,
          `its type name ${name} is taken by ${where}; give it a distinct "title"`,
        );
        continue;
      }
      origins.set(name, { file: file.path, pointer: root });
      names.set(`${file.path}#${root}`, name);
    }
  }
  const defs = new Map<string, unknown>();
  const edges = new Map<string, Set<string>>();
  for (const [name, origin] of origins) {
    const file = byUri.get(baseUri + origin.file) as LoadedFile;
    const refs = new Set<string>();
    const rewrite = (ref: string, at: string): string | undefined => {
      const target = resolveRef(ref, file, byUri, names);
      if (typeof target === "string") {
        problems.add(file.path, at, target);
        return undefined;
      }
      refs.add(target.name);
      return `#/$defs/${target.name}${target.rest}`;
    };
    defs.set(name, cloneRoot(file, origin.pointer, name, rewrite));
    edges.set(name, refs);
  }
  const reached = new Set<string>();
  const pending = model.files.flatMap((f) =>
    f.kind === "shared"
      ? []
      : f.roots.filter((r) => !r.startsWith("/$defs/")).map((r) => names.get(`${f.path}#${r}`)),
  );
  while (pending.length > 0) {
    const name = pending.pop();
    if (name === undefined || reached.has(name)) continue;
    reached.add(name);
    pending.push(...(edges.get(name) ?? []));
  }
  const $defs: SchemaObject = {};
  for (const name of [...reached].sort()) $defs[name] = defs.get(name);
  return { schema: { $id: id, $defs }, id, origins };
}

function rootTypeName(file: LoadedFile, root: string): string {
  const node = valueAt(file.json, root);
  if (
    isObject(node) &&
    typeof node.title === "string" &&
    node.title.trim() !== "" &&
    !isContractRoot(file, root)
  ) {
    return pascalCase(node.title);
  }
  const contract = typeof file.json.name === "string" ? file.json.name : "";
  if (file.kind === "request" && (root === "/request" || root === "/response")) {
    return requestTypeNames(contract)[root === "/request" ? "request" : "response"];
  }
  if (file.kind === "broadcast" && root === "/payload") return broadcastTypeName(contract);
  const key = parsePointer(root).pop() ?? "";
  if (file.kind !== "shared") return pascalCase(contract) + pascalCase(key);
  if (root !== "") return pascalCase(key);
  const base = file.path.slice(file.path.lastIndexOf("/") + 1).replace(/(\.schema)?\.json$/, "");
  return pascalCase(base);
}

function isContractRoot(file: LoadedFile, root: string): boolean {
  return file.kind !== "shared" && !root.startsWith("/$defs/");
}

/** A deep copy of one root with `title` set to its type name and every `$ref` rewritten. */
function cloneRoot(
  file: LoadedFile,
  root: string,
  name: string,
  rewrite: (ref: string, at: string) => string | undefined,
): SchemaObject {
  const original = valueAt(file.json, root);
  const copy: SchemaObject = isObject(original)
    ? structuredClone(original)
    : original === false
      ? { not: {} }
      : {};
  for (const key of ["$id", "$schema", ...(root === "" ? ["$defs"] : [])]) delete copy[key];
  walkSchema(copy, root, (node, at) => {
    if (!isObject(node) || typeof node.$ref !== "string") return;
    const ref = rewrite(node.$ref, `${at}/$ref`);
    if (ref !== undefined) node.$ref = ref;
  });
  copy.title = name;
  return copy;
}

/** The bundle type a `$ref` points at, plus the pointer below it; or a problem message. */
function resolveRef(
  ref: string,
  file: LoadedFile,
  byUri: ReadonlyMap<string, LoadedFile>,
  names: ReadonlyMap<string, string>,
): { name: string; rest: string } | string {
  let url: URL;
  try {
    url = new URL(ref, file.uri);
  } catch {
    return `$ref "${ref}" is not a valid URI reference`;
  }
  const fragment = decodeURIComponent(url.hash.slice(1));
  url.hash = "";
  const target = byUri.get(url.href);
  if (target === undefined)
    return `$ref "${ref}" points to ${url.href}, which is not one of the schema files`;
  if (fragment !== "" && !fragment.startsWith("/")) {
    return `$ref "${ref}": only JSON-pointer fragments are supported ("#/$defs/name")`;
  }
  if (valueAt(target.json, fragment) === undefined)
    return `$ref "${ref}" does not resolve in ${target.path}`;
  const root = target.roots
    .filter((r) => fragment === r || fragment.startsWith(`${r}/`) || r === "")
    .sort((a, b) => b.length - a.length)[0];
  const name = root === undefined ? undefined : names.get(`${target.path}#${root}`);
  if (root === undefined || name === undefined) {
    return `$ref "${ref}" must point into /request, /response, /payload or /$defs/<name> of a contract`;
  }
  const rest = parsePointer(fragment.slice(root.length))
    .map((s) => `/${encodeURIComponent(pointerSegment(s)).replace(/%24/g, "$")}`)
    .join("");
  return { name, rest };
}

/** The value at a JSON pointer, or undefined. */
function valueAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}
