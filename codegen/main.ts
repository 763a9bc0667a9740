/** Runs `parley codegen` from source, without building: `tsx codegen/main.ts [args]` (`npm run codegen`). */
import { runCodegenCli } from "./cli.js";

process.exitCode = await runCodegenCli(process.argv.slice(2));
