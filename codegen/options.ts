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
   * structural copies of those types, so it compiles without the runtime at all. The contract
   * types (`ContractSet`, `Validator`, ...) come from the `contracts` entry beside it: a package
   * name's `/contracts` subpath, or a file path's sibling `contracts` file (`../index.js` ->
   * `../contracts.js`).
   * @default "parley-a2a"
   */
  readonly runtimeImport?: string | null;
  /**
   * Base URI for schema files: `requests/x.json` is known as `${baseUri}requests/x.json`, and a
   * relative `$ref` resolves against it.
   * @default "https://parley.dev/schemas/"
   */
  readonly baseUri?: string;
  /**
   * For Parley's own source tree: also generate `envelope-validator.ts`, the wire envelope check
   * compiled from `envelope.schema.json` when the schema directory has one, its `date-time` format the
   * `isDateTime` exported by this module specifier (relative to the output directory). Projects
   * using Parley leave it unset: the runtime brings its envelope check along.
   * @default null (no envelope validator)
   */
  readonly envelopeDateTimeModule?: string | null;
}

/** {@link GenerateOptions} with every default filled in. */
export interface ResolvedGenerateOptions {
  readonly runtimeImport: string | null;
  readonly baseUri: string;
  readonly envelopeDateTimeModule: string | null;
}

const known = new Set(["runtimeImport", "baseUri", "envelopeDateTimeModule"]);

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
  const envelopeDateTimeModule = options.envelopeDateTimeModule ?? null;
  if (envelopeDateTimeModule !== null && envelopeDateTimeModule.trim() === "") {
    throw new TypeError(
      "parley codegen: envelopeDateTimeModule must be a module specifier or null",
    );
  }
  return { runtimeImport, baseUri, envelopeDateTimeModule };
}
