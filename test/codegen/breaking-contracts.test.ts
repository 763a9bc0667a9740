/**
 * The breaking-change check on whole contracts: removed and added types, application errors,
 * capability, idempotency, broadcasts (both directions break), and the version-bump verdict.
 */
import { describe, expect, it } from "vitest";
import { compareContractSets } from "../../codegen/index.js";
import { broadcastContract, requestContract } from "./codegen-fixtures.js";

const OPEN = { type: "object" };

function translate(version: string, extra: Record<string, unknown> = {}, request: object = OPEN) {
  return requestContract("translate", request, OPEN, { version, ...extra });
}

describe("breaking-change check on contracts", () => {
  it("a removed request type fails the check; a new one is listed as safe", () => {
    const report = compareContractSets(
      [translate("1.0.0"), requestContract("ping", OPEN, OPEN)],
      [translate("1.0.0"), requestContract("echo", OPEN, OPEN)],
    );
    expect(report.changes).toEqual([
      {
        file: "requests/echo.json",
        path: "",
        breaking: false,
        what: 'new request type "echo"',
        reason: "nobody relied on it before",
      },
      {
        file: "requests/ping.json",
        path: "",
        breaking: true,
        what: "request type removed",
        reason: "old callers' requests now get unknown_request_type",
      },
    ]);
    expect(report.failures).toEqual([
      { file: "requests/ping.json", message: 'request type "ping" was removed' },
    ]);
  });

  it("a removed (or renamed) application error breaks; a new one does not", () => {
    const errors = (...codes: string[]) =>
      Object.fromEntries(codes.map((c) => [c, { description: c }]));
    const renamed = compareContractSets(
      [translate("1.0.0", { errors: errors("no_model", "too_long") })],
      [translate("1.1.0", { errors: errors("no_language_model", "too_long") })],
    );
    expect(renamed.changes.filter((c) => c.path.startsWith("/errors"))).toEqual([
      expect.objectContaining({ path: "/errors/no_language_model", breaking: false }),
      expect.objectContaining({
        path: "/errors/no_model",
        breaking: true,
        what: 'application error "no_model" removed or renamed',
      }),
    ]);
    expect(renamed.failures).toHaveLength(1);
    const added = compareContractSets(
      [translate("1.0.0", { errors: errors("too_long") })],
      [translate("1.1.0", { errors: errors("too_long", "busy") })],
    );
    expect(added.failures).toEqual([]);
  });

  it("a changed capability and a lost idempotency break; gaining them does not", () => {
    const lost = compareContractSets(
      [translate("1.0.0", { capability: "translation", idempotent: true })],
      [translate("1.0.1", { capability: "languages" })],
    );
    expect(lost.changes.filter((c) => c.breaking).map((c) => c.path)).toEqual([
      "/capability",
      "/idempotent",
    ]);
    expect(lost.failures).toHaveLength(1);
    const gained = compareContractSets(
      [translate("1.0.0")],
      [translate("1.0.1", { capability: "translation", idempotent: true })],
    );
    expect(gained.failures).toEqual([]);
    expect(gained.changes.map((c) => c.path)).toEqual(["/capability", "/idempotent", "/version"]);
  });

  it("a broadcast payload breaks when it narrows (old senders) and when it widens (old listeners)", () => {
    const news = (headline: object) =>
      broadcastContract("news", { type: "object", properties: { headline } });
    const narrowed = compareContractSets(
      [news({ type: "string" })],
      [news({ type: "string", maxLength: 80 })],
    );
    expect(narrowed.changes).toContainEqual(
      expect.objectContaining({
        path: "/payload/properties/headline/maxLength",
        breaking: true,
        reason: "an old sender's broadcast may now be refused",
      }),
    );
    expect(narrowed.failures).toHaveLength(1);
    const widened = compareContractSets(
      [news({ type: "string" })],
      [news({ type: ["string", "null"] })],
    );
    expect(widened.changes).toContainEqual(
      expect.objectContaining({
        path: "/payload/properties/headline/type",
        breaking: true,
        reason: "an old listener may now receive what it did not expect",
      }),
    );
  });

  it("identical sets have no changes and pass", () => {
    const set = [
      translate("1.0.0", { capability: "translation" }),
      broadcastContract("news", OPEN),
    ];
    expect(compareContractSets(set, set)).toEqual({ changes: [], failures: [] });
  });

  it("names every breaking change of a contract in one failure, with both versions", () => {
    const report = compareContractSets(
      [translate("1.2.0", {}, { type: "object", properties: { to: { enum: ["fr", "de"] } } })],
      [
        translate(
          "1.3.0",
          {},
          {
            type: "object",
            required: ["to"],
            additionalProperties: false,
            properties: { to: { enum: ["fr"] } },
          },
        ),
      ],
    );
    expect(report.failures).toEqual([
      {
        file: "requests/translate.json",
        message:
          '3 breaking change(s) to request type "translate" without a major version bump (1.2.0 -> 1.3.0)',
      },
    ]);
  });
});
