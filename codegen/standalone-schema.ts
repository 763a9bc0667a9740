/**
 * One bundled type as a self-contained JSON Schema: the type's schema with the `$defs` it reaches
 * (its `$ref`s already point at `#/$defs/Name`, so they resolve inside the copy). Contracts carry
 * these as `requestSchema` / `responseSchema` for tools that hand schemas on, such as the MCP
 * server's tool list. No `$schema` or `$id`: consumers that default to another draft (ajv's
 * draft-07 default in MCP clients) would refuse a `$schema` they do not know.
 */
import type { Bundle } from "./bundle.js";
import { isObject, type SchemaObject, walkSchema } from "./schema-walk.js";

const DEF_REF = /^#\/\$defs\/([^/]+)/;

/** The bundled type `typeName` standing alone, with the definitions it refers to. */
export function standaloneSchema(bundle: Bundle, typeName: string): SchemaObject {
  const defs = bundle.schema.$defs as SchemaObject;
  const reached = new Map<string, unknown>();
  const pending = [typeName];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (reached.has(name) || !Object.hasOwn(defs, name)) continue;
    reached.set(name, defs[name]);
    walkSchema(defs[name], "", (node) => {
      if (!isObject(node) || typeof node.$ref !== "string") return;
      const target = DEF_REF.exec(node.$ref)?.[1];
      if (target !== undefined) pending.push(decodeURIComponent(target));
    });
  }
  const root = structuredClone(reached.get(typeName));
  const schema: SchemaObject = isObject(root) ? root : {};
  reached.delete(typeName);
  // A self-reference (`#/$defs/TypeName`) still needs the type among the definitions.
  if (refersTo(schema, typeName)) reached.set(typeName, structuredClone(defs[typeName]));
  if (reached.size > 0) {
    const own = isObject(schema.$defs) ? schema.$defs : {};
    const sorted = [...reached.keys()].sort();
    schema.$defs = { ...own, ...Object.fromEntries(sorted.map((n) => [n, reached.get(n)])) };
  }
  return schema;
}

function refersTo(schema: SchemaObject, typeName: string): boolean {
  let found = false;
  walkSchema(schema, "", (node) => {
    if (isObject(node) && typeof node.$ref === "string")
      found ||= DEF_REF.exec(node.$ref)?.[1] === typeName;
  });
  return found;
}
