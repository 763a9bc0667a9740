/**
 * The breaking-change check's rules, directional: each schema pair of the table is tried as a
 * request schema and as a response schema, and must break old callers exactly when the table
 * says, reported at the right JSON pointer.
 */
import { describe, expect, it } from "vitest";
import { compareContractSets, type SchemaInput } from "../../codegen/index.js";
import { SCHEMA_PAIRS, type SchemaPair } from "./breaking-schema-pairs.js";

const DRAFT = "https://json-schema.org/draft/2020-12/schema";
const OPEN = { type: "object" };

/** One contract set: request type `t` with `schema` in `role`, and the pair's shared file. */
function contractSet(
  pair: SchemaPair,
  role: "request" | "response",
  side: "before" | "after",
  version = "1.0.0",
): SchemaInput[] {
  const contract = {
    $schema: DRAFT,
    name: "t",
    version,
    request: role === "request" ? pair[side] : OPEN,
    response: role === "response" ? pair[side] : OPEN,
    ...(pair.defs === undefined ? {} : { $defs: pair.defs[side] }),
  };
  const files: SchemaInput[] = [{ path: "requests/t.json", contents: JSON.stringify(contract) }];
  if (pair.shared !== undefined) {
    const shared = { $schema: DRAFT, ...pair.shared[side] };
    files.push({ path: "common/thing.json", contents: JSON.stringify(shared) });
  }
  return files;
}

describe("breaking-change rules", () => {
  it("the table has at least 30 schema pairs", () => {
    expect(SCHEMA_PAIRS.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(["request", "response"] as const)("as a %s schema", (role) => {
    it.each(SCHEMA_PAIRS)("$name", (pair) => {
      const report = compareContractSets(
        contractSet(pair, role, "before"),
        contractSet(pair, role, "after"),
      );
      const schemaChanges = report.changes.filter((c) => c.path.startsWith(`/${role}`));
      if (pair.same) expect(schemaChanges).toEqual([]);
      else expect(schemaChanges.length).toBeGreaterThan(0);
      const breaking = schemaChanges.filter((c) => c.breaking);
      if (pair[role]) {
        expect(report.failures).toEqual([
          {
            file: "requests/t.json",
            message: expect.stringMatching(
              /^\d+ breaking change\(s\) to request type "t" without a major version bump \(1\.0\.0 -> 1\.0\.0\)$/,
            ),
          },
        ]);
        if (pair.path !== undefined)
          expect(breaking.map((c) => c.path)).toContain(`/${role}${pair.path}`);
        const reason =
          role === "request"
            ? /old caller's request may now be refused|accepted values changed/
            : /old caller may now receive what it did not expect|accepted values changed/;
        for (const change of breaking) expect(change.reason).toMatch(reason);
      } else {
        expect(breaking).toEqual([]);
        expect(report.failures).toEqual([]);
      }
    });
  });

  it("a breaking change with a major version bump passes, and the change is still listed", () => {
    const pair = SCHEMA_PAIRS.find((p) => p.name === "new required field") as SchemaPair;
    const report = compareContractSets(
      contractSet(pair, "request", "before", "1.4.2"),
      contractSet(pair, "request", "after", "2.0.0"),
    );
    expect(report.failures).toEqual([]);
    expect(report.changes).toContainEqual(
      expect.objectContaining({ path: "/request/required", breaking: true }),
    );
    expect(report.changes).toContainEqual(
      expect.objectContaining({ path: "/version", what: "version 1.4.2 -> 2.0.0" }),
    );
  });

  it("below 1.0.0 a minor bump is the major one", () => {
    const pair = SCHEMA_PAIRS.find((p) => p.name === "enum value removed") as SchemaPair;
    const minor = compareContractSets(
      contractSet(pair, "request", "before", "0.2.1"),
      contractSet(pair, "request", "after", "0.3.0"),
    );
    expect(minor.failures).toEqual([]);
    const patch = compareContractSets(
      contractSet(pair, "request", "before", "0.2.1"),
      contractSet(pair, "request", "after", "0.2.2"),
    );
    expect(patch.failures).toHaveLength(1);
  });
});
