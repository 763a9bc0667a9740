/**
 * `parley codegen`: runs the code generator of the parley-a2a-codegen package (a devDependency),
 * or says in one line how to install it.
 */
import { MissingPackageError } from "../transports/optional-package.js";
import { loadCodegen } from "./codegen-package.js";
import { type Command, ExitCode } from "./command-args.js";

export const codegenCommand: Command = {
  async run(argv) {
    try {
      const { runCodegenCli } = await loadCodegen("parley codegen");
      return await runCodegenCli(argv);
    } catch (error) {
      // Printed as it is: it already starts with "parley codegen".
      if (!(error instanceof MissingPackageError)) throw error;
      console.error(error.message);
      return ExitCode.failed;
    }
  },
};
