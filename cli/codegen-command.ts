/**
 * `parley codegen`: runs the code generator of the parley-a2a-codegen package (a devDependency),
 * or says in one line how to install it. With `--from`, it generates from a live agent's contracts.
 */
import { MissingPackageError } from "../src/util/optional-package.js";
import { codegenFromAgent, wantsLiveAgent } from "./codegen-from-agent.js";
import { loadCodegen } from "./codegen-package.js";
import { type Command, ExitCode } from "./command-args.js";

export const codegenCommand: Command = {
  async run(argv) {
    try {
      const codegen = await loadCodegen("parley codegen");
      if (wantsLiveAgent(argv)) return await codegenFromAgent(argv, codegen);
      return await codegen.runCodegenCli(argv);
    } catch (error) {
      // Printed as it is: it already starts with "parley codegen".
      if (!(error instanceof MissingPackageError)) throw error;
      console.error(error.message);
      return ExitCode.failed;
    }
  },
};
