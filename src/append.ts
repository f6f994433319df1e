/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as
 * an argument and overflows the call stack past ~100,000 items (a JSON Lines file of
 * 150,000 records was lost to "Maximum call stack size exceeded"); inputs of any size
 * go through this instead.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i] as T);
  return target;
}
