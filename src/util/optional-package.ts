/**
 * The transports' client libraries (mqtt, nats.js, ws, aedes) are optional peer dependencies: a
 * user installs the one they use. Each is imported when its transport connects (or its broker
 * starts), never when the package is imported, so a missing one is a one-line error naming what
 * to install instead of `ERR_MODULE_NOT_FOUND` from deep inside Parley. Call sites keep a literal
 * `import("mqtt")` so bundlers still see, and bundle, the library.
 */

/** A transport's client library is not installed. Recognise it by `name` as well as `instanceof`. */
export class MissingPackageError extends Error {
  override readonly name = "MissingPackageError";

  constructor(
    /** The npm packages to install, as `npm install` takes them. */
    readonly packages: readonly string[],
    /** What needs them, for the message: `parley-a2a/transports/mqtt`. */
    user: string,
    /** `dev`: a build-time tool, installed with `npm install -D`. */
    options?: ErrorOptions & { readonly dev?: boolean },
  ) {
    const install = options?.dev ? "npm install -D" : "npm install";
    super(`${user} needs ${packages.join(" and ")}: ${install} ${packages.join(" ")}`, options);
  }
}

/** Whether `error` is Node failing to find one of `packages` (ESM import or require). */
function isMissing(error: unknown, packages: readonly string[]): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return false;
  return typeof message === "string" && packages.some((name) => message.includes(`'${name}'`));
}

/**
 * Runs `load` (a literal `import(...)` of one of `packages`) and turns "not installed" into a
 * {@link MissingPackageError}; any other failure passes through. Node caches the module, so
 * calling this on every connect costs nothing after the first.
 */
export async function importOptional<T>(
  packages: readonly string[],
  user: string,
  load: () => Promise<T>,
  dev = false,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, packages))
      throw new MissingPackageError(packages, user, { cause: error, dev });
    throw error;
  }
}

/** {@link importOptional} for a synchronous `require(...)`, where the caller cannot wait. */
export function requireOptional<T>(packages: readonly string[], user: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (isMissing(error, packages)) throw new MissingPackageError(packages, user, { cause: error });
    throw error;
  }
}
