/** The installed package's version, read from its package.json when asked (`parley --version`). */
import { createRequire } from "node:module";

/**
 * The `version` of this package's package.json. Resolved by the package's own name (Node's
 * self-reference), so it is found the same from `dist/` and from the sources under tsx.
 */
export function packageVersion(): string {
  const manifest: unknown = createRequire(import.meta.url)("parley-a2a/package.json");
  const version = (manifest as { version?: unknown }).version;
  if (typeof version !== "string") throw new Error("package.json has no version");
  return version;
}
