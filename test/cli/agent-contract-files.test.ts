/**
 * The answer to `parley.contracts` is untrusted: `parley codegen --from` writes its files only
 * when every path stays inside the schema directory, and says what is wrong otherwise.
 */
import { describe, expect, it } from "vitest";
import { MAX_FILES, readAgentContracts } from "../../cli/agent-contract-files.js";

const contract = { name: "translate", version: "1.0.0" };

describe("reading an agent's contract files", () => {
  it("takes relative .json paths, with what the agent says it serves", () => {
    const read = readAgentContracts("a", {
      requests: { translate: { version: "2.0.0", hash: "h", file: "requests/translate.json" } },
      untyped: ["ping", 3],
      files: { "requests/translate.json": contract, "common/x.schema.json": { type: "object" } },
    });
    expect(read.files.map((f) => f.path)).toEqual([
      "requests/translate.json",
      "common/x.schema.json",
    ]);
    expect(JSON.parse(read.files[0]?.contents ?? "")).toEqual(contract);
    expect(read.requests).toEqual([["translate", "2.0.0"]]);
    expect(read.untyped).toEqual(["ping"]);
  });

  it.each([
    ["../outside.json"],
    ["requests/../../outside.json"],
    ["/etc/passwd.json"],
    ["./requests/x.json"],
    ["requests\\x.json"],
    ["requests/x.js"],
    [""],
  ])("refuses the path %j", (path) => {
    expect(() => readAgentContracts("a", { files: { [path]: contract } })).toThrow(
      /^agent "a" answered parley\.contracts with something else: the file path/,
    );
  });

  it.each([
    ["no files", { requests: {} }, /no object of files/],
    ["a list", [], /no object of files/],
    [
      "a file that is not an object",
      { files: { "requests/x.json": "{}" } },
      /requests\/x\.json is not a JSON object/,
    ],
    [
      "too many files",
      {
        files: Object.fromEntries(
          Array.from({ length: MAX_FILES + 1 }, (_, i) => [`f${i}.json`, {}]),
        ),
      },
      /more than 2000/,
    ],
  ])("refuses %s", (_what, answer, message) => {
    expect(() => readAgentContracts("a", answer)).toThrow(message);
  });
});
