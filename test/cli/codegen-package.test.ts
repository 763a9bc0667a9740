/**
 * The CLI loads the code generator by package name (`parley-a2a-codegen`), typed by its own
 * `CodegenPackage` interface so that the runtime builds without the generator: this holds the
 * generator to that interface (at compile time) and the installed link to the generator's entry.
 */
import { expect, it } from "vitest";
import { type CodegenPackage, loadCodegen } from "../../cli/codegen-package.js";
import * as codegen from "../../codegen/index.js";

it("loads parley-a2a-codegen with what the CLI uses from it", async () => {
  // A type error here means the CLI's view of the generator is out of date.
  const expected: CodegenPackage = codegen;
  const loaded = await loadCodegen("test");
  for (const name of ["runCodegenCli", "readSchemaDir", "compileContracts"] as const) {
    expect(typeof loaded[name], name).toBe("function");
    expect(loaded[name].name).toBe(expected[name].name);
  }
});
