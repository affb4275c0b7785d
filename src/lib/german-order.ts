/**
 * The order in which German readers expect names: letters without regard to case and accents
 * („Ärztehaus“ beside „Arzt“), numbers by value („Projekt 9“ before „Projekt 10“).
 */
export const germanCollator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** By name in German order, equal names by id: a total order, the same for every database. */
export function compareByNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return germanCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
