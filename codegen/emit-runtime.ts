/**
 * `runtime.ts`: the only place generated code meets the runtime. It holds the structural
 * `AgentLike` the client and handlers are written against (so they compile without the agent),
 * and either re-exports Parley's public types from `runtimeImport` (the contract types from its
 * `contracts` entry beside it, see {@link contractsImportFor}) or, when that is null, declares
 * structural copies of them.
 */
import { buildFile, docs, type GeneratedFile } from "./source-file.js";

/** Public runtime types generated code uses, from the package's root entry. */
const RUNTIME_TYPES = ["Envelope", "HandlerContext", "JsonObject", "Priority", "RequestOptions"];

/** Public contract types generated code uses, from the package's `contracts` entry. */
const CONTRACT_TYPES = [
  "BroadcastContract",
  "ContractSet",
  "RequestContract",
  "ValidationIssue",
  "Validator",
];

/**
 * Where the contract types are, given where the root entry is: a package name gets its
 * `/contracts` subpath (`parley-a2a` -> `parley-a2a/contracts`); a relative or absolute file gets
 * its sibling `contracts` file, keeping the extension (`../index.js` -> `../contracts.js`).
 */
export function contractsImportFor(runtimeImport: string): string {
  const isPath = /^(\.{1,2}\/|\/)/.test(runtimeImport);
  if (!isPath) return `${runtimeImport.replace(/\/$/, "")}/contracts`;
  const slash = runtimeImport.lastIndexOf("/");
  const extension = /\.[cm]?[jt]s$/.exec(runtimeImport.slice(slash + 1))?.[0] ?? "";
  return `${runtimeImport.slice(0, slash + 1)}contracts${extension}`;
}

/** Structural copies of the runtime's public types, for output that stands alone. */
const STANDALONE_TYPES = `/** A JSON object. */
export type JsonObject = { [key: string]: unknown };

/** Message priority: 1 low .. 4 urgent. */
export type Priority = 1 | 2 | 3 | 4;

/** One message on the wire (the seed's nine keys). */
export interface Envelope {
  id: string;
  sender_id: string;
  recipient_id: string | null;
  message_type: string;
  priority: Priority;
  timestamp: string;
  payload: JsonObject;
  correlation_id: string | null;
  expires_at: string | null;
}

/** Options of one request. */
/** Parley's request options, less those that need Parley's own types (interceptors, retry). */
export interface RequestOptions {
  readonly timeout?: number;
  readonly priority?: Priority;
  readonly expiresAt?: Date;
  readonly signal?: AbortSignal;
  readonly contractVersion?: string;
  readonly ignoreContractVersion?: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly idempotent?: boolean;
}

/** What a handler learns about the request it serves. */
export interface HandlerContext {
  readonly sender: string;
  readonly requestType: string;
  readonly priority: Priority;
  /** When the caller stops waiting; undefined when it set no deadline. */
  readonly deadline: Date | undefined;
  readonly signal: AbortSignal;
  readonly message: Envelope;
  /** Sends a request on, within the time this request has left. */
  readonly request: <TResponse = JsonObject>(
    to: string,
    type: string,
    payload: JsonObject,
    options?: RequestOptions,
  ) => Promise<TResponse>;
}

/** One validation problem, in ajv's terms. */
export interface ValidationIssue {
  readonly instancePath: string;
  readonly message: string;
  readonly keyword?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** Checks a value; returns the problems (empty when valid). */
export type Validator = (value: unknown) => readonly ValidationIssue[];

/** The run-time view of one request type's contract. */
export interface RequestContract {
  readonly name: string;
  readonly version: string;
  readonly hash: string;
  readonly description?: string;
  readonly capability?: string;
  readonly idempotent?: boolean;
  readonly errors?: readonly string[];
  readonly validateRequest: Validator;
  readonly validateResponse: Validator;
  readonly requestSchema?: { readonly [key: string]: unknown };
  readonly responseSchema?: { readonly [key: string]: unknown };
}

/** The run-time view of one broadcast type's contract. */
export interface BroadcastContract {
  readonly name: string;
  readonly version: string;
  readonly hash: string;
  readonly description?: string;
  readonly validatePayload: Validator;
}

/** A set of contracts. */
export interface ContractSet {
  readonly requests: Readonly<Record<string, RequestContract>>;
  readonly broadcasts: Readonly<Record<string, BroadcastContract>>;
  readonly documents?: Readonly<Record<string, { [key: string]: unknown }>>;
}`;

/** Generates `runtime.ts`. */
export function emitRuntime(runtimeImport: string | null): GeneratedFile {
  const preamble = [
    runtimeImport === null
      ? "/** Structural runtime types and `AgentLike`: this output stands alone, without the runtime. */"
      : `/** Runtime types from ${JSON.stringify(runtimeImport)}, and the structural \`AgentLike\` generated code uses. */`,
  ];
  return buildFile("runtime.ts", preamble, (file) => {
    if (runtimeImport === null) {
      file.addStatements(STANDALONE_TYPES);
    } else {
      file.addImportDeclaration({
        isTypeOnly: true,
        moduleSpecifier: runtimeImport,
        namedImports: RUNTIME_TYPES,
      });
      file.addExportDeclaration({
        isTypeOnly: true,
        moduleSpecifier: contractsImportFor(runtimeImport),
        namedExports: CONTRACT_TYPES,
      });
      file.addExportDeclaration({
        isTypeOnly: true,
        moduleSpecifier: runtimeImport,
        namedExports: RUNTIME_TYPES,
      });
    }
    file.addInterface({
      name: "BroadcastOptions",
      isExported: true,
      docs: docs("Options of one broadcast."),
      properties: [
        { name: "priority", type: "Priority", isReadonly: true, hasQuestionToken: true },
      ],
    });
    file.addInterface({
      name: "AgentLike",
      isExported: true,
      docs: docs(
        "The part of a Parley `Agent` generated code calls. Any object of this shape will do, so the " +
          "generated client and handlers compile (and can be tested) without the runtime.",
      ),
      methods: [
        {
          name: "request",
          typeParameters: ["TResponse"],
          parameters: [
            { name: "to", type: "string" },
            { name: "type", type: "string" },
            { name: "payload", type: "JsonObject" },
            { name: "options", type: "RequestOptions", hasQuestionToken: true },
          ],
          returnType: "Promise<TResponse>",
        },
        {
          name: "handle",
          typeParameters: ["TRequest", "TResponse"],
          parameters: [
            { name: "type", type: "string" },
            {
              name: "handler",
              type: "(payload: TRequest, ctx: HandlerContext) => TResponse | Promise<TResponse>",
            },
          ],
          returnType: "() => void",
        },
        {
          name: "broadcast",
          parameters: [
            { name: "type", type: "string" },
            { name: "payload", type: "JsonObject" },
            { name: "options", type: "BroadcastOptions", hasQuestionToken: true },
          ],
          returnType: "Promise<void>",
        },
        {
          name: "on",
          typeParameters: ["TPayload"],
          parameters: [
            { name: "type", type: "string" },
            { name: "listener", type: "(payload: TPayload, message: Envelope) => void" },
          ],
          returnType: "() => void",
        },
      ],
    });
  });
}
