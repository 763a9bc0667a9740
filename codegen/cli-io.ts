/**
 * Where `parley codegen` writes and which directory it works in (tests pass their own). Apart from
 * cli.ts so the parts it runs can take one without importing it back.
 */
export interface CliIo {
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}
