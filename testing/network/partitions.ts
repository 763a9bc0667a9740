/** A partition between agents: deliveries from one side to the other are lost, both ways. */

/** One partition, from {@link TestNetwork.partition}. */
export interface Partition {
  /** Whether a message from `from` to `to` crosses this partition. */
  separates(from: string, to: string): boolean;
  /** Ends this partition (the others stay). */
  heal(): void;
}

const idsOf = (ids: string | readonly string[]) => new Set(typeof ids === "string" ? [ids] : ids);

export function partitionOf(
  side: string | readonly string[],
  others: string | readonly string[] | undefined,
  onHeal: (partition: Partition) => void,
): Partition {
  const inside = idsOf(side);
  const outside = others === undefined ? undefined : idsOf(others);
  for (const id of outside ?? []) {
    if (inside.has(id)) throw new TypeError(`"${id}" cannot be on both sides of a partition`);
  }
  const isOutside = (id: string) => (outside ? outside.has(id) : !inside.has(id));
  const partition: Partition = {
    separates: (from, to) =>
      (inside.has(from) && isOutside(to)) || (inside.has(to) && isOutside(from)),
    heal: () => onHeal(partition),
  };
  return partition;
}
