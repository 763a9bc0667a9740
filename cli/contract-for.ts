/**
 * The contracts `parley call` checks a request against: the package's generated (seed) contracts,
 * and with `--schemas DIR` the user's own contract files, compiled by codegen's loader (the same
 * format `parley codegen` reads; it needs the parley-a2a-codegen package); the user's win where
 * both define a request type.
 */
import type { ContractSet, RequestContract } from "../src/contracts.js";
import { loadCodegen } from "./codegen-package.js";

/** The seed's contracts, plus those in `schemasDir` when given. Rejects with one clear line. */
export async function loadCallContracts(schemasDir: string | undefined): Promise<ContractSet> {
  const { contracts: seed } = await import("../src/generated/contracts.js");
  if (schemasDir === undefined) return seed;
  const { compileContracts, readSchemaDir } = await loadCodegen("--schemas");
  const inputs = await readSchemaDir(schemasDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR")
      throw new Error(`--schemas: ${schemasDir} is not a directory`, { cause: error });
    throw error;
  });
  let own: ContractSet;
  try {
    own = compileContracts(inputs);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`--schemas: bad contracts in ${schemasDir}: ${why}`, { cause: error });
  }
  return {
    requests: { ...seed.requests, ...own.requests },
    broadcasts: { ...seed.broadcasts, ...own.broadcasts },
  };
}

/** The contract of `requestType` in `contracts`, or undefined when there is none (sent as given). */
export function contractFor(
  contracts: ContractSet,
  requestType: string,
): RequestContract | undefined {
  return Object.hasOwn(contracts.requests, requestType)
    ? contracts.requests[requestType]
    : undefined;
}
