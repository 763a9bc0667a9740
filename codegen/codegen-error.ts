/**
 * The one error `generate` throws for bad input: it names the file, the JSON pointer inside it and
 * what is wrong, so the CLI can print it as one line, never a stack trace.
 */

/** One problem in one schema file. */
export interface CodegenProblem {
  /** Path of the schema file, relative to the schemas directory (`requests/knowledge_search.json`). */
  readonly file: string;
  /** JSON pointer into that file (`/request/properties/query`); empty for the whole file. */
  readonly pointer: string;
  readonly message: string;
}

/** Bad contracts or schemas; `problems` lists every one found, in file order. */
export class CodegenError extends Error {
  override readonly name = "CodegenError";
  readonly problems: readonly CodegenProblem[];

  constructor(problems: readonly CodegenProblem[], options?: ErrorOptions) {
    super(problems.map((p) => formatProblem(p)).join("\n"), options);
    this.problems = problems;
  }
}

/** `requests/x.json#/request/type: must be a string`: one line per problem. */
export function formatProblem(problem: CodegenProblem, dir?: string): string {
  const file = dir === undefined ? problem.file : `${dir.replace(/\/+$/, "")}/${problem.file}`;
  return `${file}#${problem.pointer}: ${problem.message.replace(/\s*\n\s*/g, " ")}`;
}

/** Collects problems while a pass runs; throws them together at the end. */
export class ProblemList {
  readonly items: CodegenProblem[] = [];

  add(file: string, pointer: string, message: string): void {
    this.items.push({ file, pointer, message });
  }

  /** Throws a {@link CodegenError} when anything was added. */
  throwIfAny(): void {
    if (this.items.length > 0) throw new CodegenError(this.items);
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Splits a JSON pointer into unescaped segments. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
