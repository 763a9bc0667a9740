/** Options of {@link generate}, their defaults, and the one place they are resolved. */

/** Where generated files find Parley's public types. */
export const DEFAULT_RUNTIME_IMPORT = "parley-a2a";
/** The base URI schema files get from their path (`$id` may only repeat it). */
export const DEFAULT_BASE_URI = "https://parley.dev/schemas/";

/** Options for {@link generate}. */
export interface GenerateOptions {
  /**
   * Module specifier the generated code imports Parley's public types from (`ContractSet`,
   * `HandlerContext`, `RequestOptions`, ...). `null` makes the output self-contained: it declares
   * structural copies of those types, so it compiles without the runtime at all.
   * @default "parley-a2a"
   */
  readonly runtimeImport?: string | null;
  /**
   * Base URI for schema files: `requests/x.json` is known as `${baseUri}requests/x.json`, and a
   * relative `$ref` resolves against it.
   * @default "https://parley.dev/schemas/"
   */
  readonly baseUri?: string;
}

/** {@link GenerateOptions} with every default filled in. */
export interface ResolvedGenerateOptions {
  readonly runtimeImport: string | null;
  readonly baseUri: string;
}

const known = new Set(["runtimeImport", "baseUri"]);

/** Fills defaults; throws on unknown options and bad values. Never mutates `options`. */
export function resolveGenerateOptions(options: GenerateOptions = {}): ResolvedGenerateOptions {
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new TypeError(`parley codegen: unknown option "${key}"`);
  }
  const runtimeImport =
    options.runtimeImport === undefined ? DEFAULT_RUNTIME_IMPORT : options.runtimeImport;
  if (runtimeImport !== null && runtimeImport.trim() === "") {
    throw new TypeError("parley codegen: runtimeImport must be a module specifier or null");
  }
  const baseUri = options.baseUri ?? DEFAULT_BASE_URI;
  if (!/^[a-z][a-z0-9+.-]*:\/\/.+\/$/i.test(baseUri)) {
    throw new TypeError(
      `parley codegen: baseUri must be an absolute URI ending in "/": ${baseUri}`,
    );
  }
  return { runtimeImport, baseUri };
}
