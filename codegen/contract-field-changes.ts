/**
 * Changes to a contract's own fields, beside its schemas: application errors, capability,
 * idempotency, description and version.
 */
import { isObject, type SchemaObject } from "./schema-walk.js";

/** One change to a contract field, with its verdict. */
export interface FieldChange {
  readonly path: string;
  readonly breaking: boolean;
  readonly what: string;
  readonly reason: string;
}

/** Compares the fields of an old and a new contract of the same type. */
export function contractChanges(
  old: SchemaObject,
  now: SchemaObject,
  kind: "request" | "broadcast",
): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (path: string, breaking: boolean, what: string, reason: string) =>
    changes.push({ path, breaking, what, reason });
  if (old.version !== now.version) {
    add(
      "/version",
      false,
      `version ${String(old.version)} -> ${String(now.version)}`,
      "a version is what tells breaking changes apart",
    );
  }
  if (old.description !== now.description) {
    add("/description", false, "description changed", "documentation only");
  }
  if (kind === "broadcast") return changes;
  const before = isObject(old.errors) ? old.errors : {};
  const after = isObject(now.errors) ? now.errors : {};
  for (const code of Object.keys(before)) {
    if (!(code in after)) {
      add(
        `/errors/${code}`,
        true,
        `application error "${code}" removed or renamed`,
        "old callers that tell it apart by details.remote_code no longer see it",
      );
    }
  }
  for (const code of Object.keys(after)) {
    if (!(code in before)) {
      add(
        `/errors/${code}`,
        false,
        `new application error "${code}"`,
        "it arrives as remote_error, which old callers already handle",
      );
    }
  }
  if (old.capability !== now.capability) {
    const removed = old.capability !== undefined;
    add(
      "/capability",
      removed,
      removed
        ? `capability "${String(old.capability)}" ${now.capability === undefined ? "removed" : `changed to "${String(now.capability)}"`}`
        : `new capability "${String(now.capability)}"`,
      removed
        ? "old callers delegating by the old capability no longer find these agents"
        : "delegation can now find these agents by capability",
    );
  }
  if ((old.idempotent === true) !== (now.idempotent === true)) {
    const lost = old.idempotent === true;
    add(
      "/idempotent",
      lost,
      lost ? "no longer idempotent" : "now idempotent",
      lost
        ? "old callers may still fail over, running it twice"
        : "failover may now retry it on another agent",
    );
  }
  return changes;
}
