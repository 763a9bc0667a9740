/**
 * `parley codegen --breaking-against`: compares a contract set with an earlier one and lists every
 * change, breaking or not, with the reason and the JSON pointer; a contract with a breaking change
 * and no major version bump fails the check. A pure function of the two sets of files.
 */

import { contractChanges } from "./contract-field-changes.js";
import { isMajorBump } from "./contract-version.js";
import { readContracts } from "./generate.js";
import type { ContractModel, LoadedFile, SchemaInput } from "./load-contracts.js";
import { type GenerateOptions, resolveGenerateOptions } from "./options.js";
import { breaksRole, effectReason, type SchemaChange, SchemaRole } from "./schema-change.js";
import { diffSchemas, type SchemaFiles } from "./schema-diff.js";

/** One change between the earlier and the current contracts. */
export interface ContractChange {
  /** Contract file, relative to the schemas directory (`requests/translate.json`). */
  readonly file: string;
  /** JSON pointer in that file; `""` for the whole contract. */
  readonly path: string;
  readonly breaking: boolean;
  /** What changed (`new required field "to"`). */
  readonly what: string;
  /** Why that does or does not break old callers, handlers or listeners. */
  readonly reason: string;
}

/** One contract that changes in a breaking way without a major version bump (or was removed). */
export interface BreakingFailure {
  readonly file: string;
  readonly message: string;
}

/** What {@link compareContractSets} found. */
export interface BreakingReport {
  /** Every change, by file then path. */
  readonly changes: readonly ContractChange[];
  /** What fails the check; empty when it passes. */
  readonly failures: readonly BreakingFailure[];
}

/**
 * Compares `current` contract files with `earlier` ones.
 * @throws CodegenError when either set has bad contracts (as `generate` would).
 */
export function compareContractSets(
  earlier: readonly SchemaInput[],
  current: readonly SchemaInput[],
  options?: GenerateOptions,
): BreakingReport {
  const before = readContracts(earlier, options);
  const after = readContracts(current, options);
  const baseUri = resolveGenerateOptions(options).baseUri;
  const oldFiles = filesByUri(before.files);
  const newFiles = filesByUri(after.files);
  const changes: ContractChange[] = [];
  const failures: BreakingFailure[] = [];
  for (const kind of ["request", "broadcast"] as const) {
    const olds = contractsOf(before, kind);
    const news = contractsOf(after, kind);
    for (const [name, old] of olds) {
      const now = news.get(name);
      if (now === undefined) {
        changes.push(removedContract(old.path, kind));
        failures.push({ file: old.path, message: `${kind} type "${name}" was removed` });
        continue;
      }
      const found: ContractChange[] = contractChanges(old.json, now.json, kind).map((c) => ({
        file: now.path,
        ...c,
      }));
      for (const role of rolesOf(kind)) {
        const at = `/${role}`;
        const schemaChanges = diffSchemas(
          { schema: old.json[role], uri: baseUri + old.path },
          { schema: now.json[role], uri: baseUri + now.path },
          at,
          oldFiles,
          newFiles,
        );
        found.push(...schemaChanges.map((c) => withVerdict(now.path, c, role)));
      }
      changes.push(...found);
      const from = String(old.json.version);
      const to = String(now.json.version);
      const breaking = found.filter((c) => c.breaking).length;
      if (breaking > 0 && !isMajorBump(from, to)) {
        failures.push({
          file: now.path,
          message: `${breaking} breaking change(s) to ${kind} type "${name}" without a major version bump (${from} -> ${to})`,
        });
      }
    }
    for (const [name, now] of news) {
      if (olds.has(name)) continue;
      changes.push({
        file: now.path,
        path: "",
        breaking: false,
        what: `new ${kind} type "${name}"`,
        reason: "nobody relied on it before",
      });
    }
  }
  changes.sort((a, b) => compare(a.file, b.file) || compare(a.path, b.path));
  return { changes, failures };
}

function removedContract(file: string, kind: "request" | "broadcast"): ContractChange {
  return {
    file,
    path: "",
    breaking: true,
    what: `${kind} type removed`,
    reason:
      kind === "request"
        ? "old callers' requests now get unknown_request_type"
        : "old listeners never hear it again, and old senders' broadcasts go unchecked",
  };
}

function withVerdict(file: string, change: SchemaChange, role: SchemaRole): ContractChange {
  return {
    file,
    path: change.path,
    breaking: breaksRole(change.effect, role),
    what: change.what,
    reason: change.why ?? effectReason(change.effect, role),
  };
}

function rolesOf(kind: "request" | "broadcast"): SchemaRole[] {
  return kind === "request" ? [SchemaRole.request, SchemaRole.response] : [SchemaRole.payload];
}

function contractsOf(model: ContractModel, kind: "request" | "broadcast"): Map<string, LoadedFile> {
  return new Map(
    model.files.filter((f) => f.kind === kind).map((f) => [String(f.json.name), f] as const),
  );
}

function filesByUri(files: readonly LoadedFile[]): SchemaFiles {
  return new Map(files.map((f) => [f.uri, f.json]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
