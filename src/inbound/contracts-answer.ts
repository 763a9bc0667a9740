/**
 * The answer to the built-in `parley.contracts` request, kept encoded: it is built and encoded
 * once, and again only after the set of handlers changed, so a burst of these requests costs a
 * copy of bytes each, not a walk over the contracts and a JSON encoding.
 */

import { contractDocumentsFor } from "../wire/contract-documents.js";
import type { ContractSet } from "../wire/contracts.js";

const encoder = new TextEncoder();

export class ContractsAnswer {
  readonly #contracts: ContractSet | undefined;
  #servedKey: string | undefined;
  #encoded: Uint8Array = new Uint8Array(0);

  constructor(contracts: ContractSet | undefined) {
    this.#contracts = contracts;
  }

  /** The payload's JSON bytes for an agent serving `requestTypes` (sorted). */
  encoded(requestTypes: readonly string[]): Uint8Array {
    const key = requestTypes.join("\n");
    if (key !== this.#servedKey) {
      const documents = contractDocumentsFor(this.#contracts, requestTypes);
      this.#encoded = encoder.encode(JSON.stringify(documents));
      this.#servedKey = key;
    }
    return this.#encoded;
  }
}
