/**
 * The contract files a contract set carries at run time (`ContractSet.documents`), so an agent
 * can serve them to `parley codegen --from`: every request and broadcast contract, and the shared
 * files their schemas reach (a shared file nothing uses is left out, the envelope schema too).
 */
import type { Bundle } from "./bundle.js";
import type { ContractModel } from "./load-contracts.js";
import type { SchemaObject } from "./schema-walk.js";

/** The contract files and the shared files they reach, by path, sorted. */
export function contractDocuments(
  model: ContractModel,
  bundle: Bundle,
): Record<string, SchemaObject> {
  const reached = new Set<string>();
  for (const name of Object.keys(bundle.schema.$defs as SchemaObject)) {
    const origin = bundle.origins.get(name);
    if (origin !== undefined) reached.add(origin.file);
  }
  const documents: Record<string, SchemaObject> = {};
  for (const file of model.files) {
    if (file.kind !== "shared" || reached.has(file.path)) documents[file.path] = file.json;
  }
  return documents;
}
