/** Runs `parley codegen` from source until the `parley` bin wires it: `tsx codegen/main.ts [args]`. */
import { runCodegenCli } from "./cli.js";

process.exitCode = await runCodegenCli(process.argv.slice(2));
