/**
 * The neighbourhood of one project or organisation as a network (the focused reuse views): the
 * focus in the middle, its partners in columns beside it, names pointing outwards, so that every
 * line and name can be read — a star of 30 partners drawn by forces is a tangle of labels.
 *
 * Project: the reusing organisations left and right of the project (strongest first, alternating),
 * its owner above it. Organisation: the projects it reuses on the left; its own reused projects on
 * the right (names to the left) and, further right, the organisations that reuse them (each beside
 * its projects).
 */
import type { ReuseEvidenceRow } from '../../queries/listReuseEvidence';
import type { ReusePairRow } from '../../queries/listReusePairs';
import { reuseHref } from '../reuse-links';
import { buildReuseNetwork, type NetworkOrganisation, type NetworkProject, type Placed, type ReuseNetworkDrawing } from './reuse-network';

/** Where the columns stand (names of the left ones point left) and the vertical distance of the nodes in a column. */
const COLUMN_X: Record<number, number> = { [-1]: -200, 0: 0, 1: 250, 2: 420 };
const ROW = 30;

type Focus = { type: 'organisation' | 'project'; id: string };

const orgKey = (id: string) => `o:${id}`;
const projectKey = (id: string) => `p:${id}`;

/** Each node's column (0: the focus; negative: left), in drawing order within the column. */
function columns(pairs: ReusePairRow[], focus: Focus, owners: NetworkOrganisation[]): Map<string, number> {
  const column = new Map<string, number>();
  const put = (key: string, c: number) => {
    if (!column.has(key)) column.set(key, c);
  };
  if (focus.type === 'project') {
    put(projectKey(focus.id), 0);
    pairs.forEach((p, i) => put(orgKey(p.organisationId), i % 2 === 0 ? -1 : 1));
    for (const o of owners) put(orgKey(o.id), 0);
    return column;
  }
  put(orgKey(focus.id), 0);
  const reused = pairs.filter((p) => p.organisationId === focus.id);
  const own = pairs.filter((p) => p.organisationId !== focus.id);
  // Only the projects it reuses: on both sides, alternating.
  reused.forEach((p, i) => put(projectKey(p.projectId), own.length > 0 || i % 2 === 0 ? -1 : 1));
  for (const p of own) put(projectKey(p.projectId), 1);
  for (const p of own) put(orgKey(p.organisationId), 2);
  return column;
}

/** Positions from the columns: nodes spread evenly around y = 0, an adopter column ordered by its projects. */
function place(column: Map<string, number>, pairs: ReusePairRow[], focus: Focus): Map<string, Placed> {
  const byColumn = new Map<number, string[]>();
  for (const [key, c] of column) byColumn.set(c, [...(byColumn.get(c) ?? []), key]);
  const positions = new Map<string, Placed>();
  const spread = (keys: string[], x: number, labelSide: Placed['labelSide']) =>
    keys.forEach((key, i) => positions.set(key, { x, y: (i - (keys.length - 1) / 2) * ROW, labelSide }));
  for (const [c, keys] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    if (c === 0) {
      // The focus in the middle with its name below; its owner (project view) above it.
      const [first, ...rest] = keys;
      positions.set(first, { x: 0, y: 0, labelSide: 'below' });
      rest.forEach((key, i) => positions.set(key, { x: 0, y: -3 * ROW * (i + 1), labelSide: 'right' }));
      continue;
    }
    if (c === 2) {
      // Beside the own projects they reuse: by the mean height of those projects.
      const mean = (key: string) => {
        const ys = pairs
          .filter((p) => orgKey(p.organisationId) === key && p.organisationId !== focus.id)
          .map((p) => positions.get(projectKey(p.projectId))?.y ?? 0);
        return ys.reduce((a, y) => a + y, 0) / Math.max(1, ys.length);
      };
      keys.sort((a, b) => mean(a) - mean(b) || (a < b ? -1 : 1));
    }
    // With organisations beyond them, the own projects' names stand left, clear of those lines.
    spread(keys, COLUMN_X[c], c < 0 || (c === 1 && byColumn.has(2)) ? 'left' : 'right');
  }
  return positions;
}

/**
 * The network of the given pairs (listReusePairs rows around the focus, already bounded). Nodes link
 * to the partners' own focused views; owners among `owners` get their dotted line.
 */
export function buildReuseNeighbourhood(pairs: ReusePairRow[], focus: Focus, owners: NetworkOrganisation[]): ReuseNetworkDrawing {
  const evidence: ReuseEvidenceRow[] = pairs.flatMap((p) =>
    p.evidence.map((e) => ({
      projectId: p.projectId,
      projectName: p.projectName,
      ownerId: p.ownerId,
      asOf: '',
      organisationId: p.organisationId,
      organisationName: p.organisationName,
      kind: e.kind as ReuseEvidenceRow['kind'],
      strength: e.strength,
      detail: e.detail,
      source: e.source,
      date: e.date
    }))
  );
  const organisations = new Map<string, NetworkOrganisation>(owners.map((o) => [o.id, o]));
  const projects = new Map<string, NetworkProject>();
  for (const p of pairs) {
    // Organisations no longer in the catalog have no kind: the network draws them without one.
    if (p.organisationKind && !organisations.has(p.organisationId))
      organisations.set(p.organisationId, {
        id: p.organisationId,
        name: p.organisationName,
        kind: p.organisationKind,
        region: p.organisationRegion
      });
    projects.set(p.projectId, { id: p.projectId, name: p.projectName, ownerId: p.ownerId, ownerName: p.ownerName });
  }
  const column = columns(pairs, focus, owners);
  const { width, height, nodes, edges } = buildReuseNetwork(
    evidence,
    [...organisations.values()],
    [...projects.values()],
    { region: null, kind: null },
    {
      href: (type, id) => reuseHref(type, id),
      place: (drawn) => {
        // Owners that the network does not draw (not in `owners`) have no column.
        const shown = new Map([...column].filter(([key]) => drawn.some((n) => n.key === key)));
        return place(shown, pairs, focus);
      }
    }
  );
  return { width, height, nodes, edges };
}
