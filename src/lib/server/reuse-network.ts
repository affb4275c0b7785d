/**
 * The reuse network (DESIGN §7, UX.md „Nachnutzung“): organisations (circles, by kind) and projects
 * (squares), one edge per organisation and project with evidence — solid when observed, dashed when
 * only declared, wider with more evidence — plus a thin dotted edge from a project to its owner.
 *
 * The layout is computed on the server, deterministically: seeded initial positions, a seeded
 * random source for d3-force and a fixed number of ticks. So the page is plain SVG markup that
 * works without JavaScript, and the same data always gives the same picture.
 */
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum
} from 'd3';
import { REUSE_KIND_LABELS, kindLabel, regionLabel } from '../labels';
import type { ReuseStrength } from '../reports/types';
import type { ReuseEvidenceRow } from '../../queries/listReuseEvidence';

export interface NetworkOrganisation {
  id: string;
  name: string;
  kind: string;
  region: string | null;
}

export interface NetworkProject {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
}

export interface NetworkFilters {
  region: string | null;
  kind: string | null;
}

export interface NetworkNode {
  key: string;
  type: 'organisation' | 'project';
  id: string;
  name: string;
  kind: string | null;
  region: string | null;
  href: string;
  x: number;
  y: number;
  /** Radius (circle) or half side (square). */
  size: number;
  /** Where the name stands: away from the centre of the drawing (below: the focus of a neighbourhood). */
  labelSide: LabelSide;
  /** What the node shows on focus: one line per partner with the strength and evidence. */
  evidence: string[];
  /** Accessible name: who or what it is and its evidence in one sentence. */
  ariaLabel: string;
}

export interface NetworkEdge {
  key: string;
  source: string;
  target: string;
  type: ReuseStrength | 'eigentum';
  count: number;
  width: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** One row of the table: an organisation reusing a project, with all its evidence. */
export interface ReusePair {
  projectId: string;
  projectName: string;
  ownerName: string | null;
  organisationId: string;
  organisationName: string;
  organisationKind: string | null;
  organisationRegion: string | null;
  strength: ReuseStrength;
  evidence: { kind: string; label: string; strength: string; detail: string; source: string; date: string | null }[];
}

/** What the drawing needs (components/ReuseNetwork.svelte). */
export interface ReuseNetworkDrawing {
  width: number;
  height: number;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface ReuseNetwork extends ReuseNetworkDrawing {
  pairs: ReusePair[];
  regions: string[];
  kinds: string[];
}

export type LabelSide = 'left' | 'right' | 'below';

/** A node's position; without a label side the name points away from the centre. */
export interface Placed {
  x: number;
  y: number;
  labelSide?: LabelSide;
}

export interface NetworkOptions {
  /** Where a node links to (default: the project's Steckbrief, the organisation's page). */
  href?: (type: 'organisation' | 'project', id: string) => string;
  /** Positions of the nodes by key (default: the force layout). */
  place?: (nodes: { key: string; size: number }[], links: { source: string; target: string; distance: number }[]) => Map<string, Placed>;
}

const pageHref = (type: 'organisation' | 'project', id: string) =>
  type === 'organisation' ? `/organisationen/${encodeURIComponent(id)}` : `/projekte/${encodeURIComponent(id)}`;

/** mulberry32: a tiny seeded PRNG (0 ≤ x < 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

type SimNode = SimulationNodeDatum & { key: string; size: number };
type SimLink = SimulationLinkDatum<SimNode> & { distance: number };

const SEED = 20211;

/** Positions for the nodes: seeded start, seeded jiggle, fixed ticks. */
export function layout(
  nodes: { key: string; size: number }[],
  links: { source: string; target: string; distance: number }[]
): Map<string, { x: number; y: number }> {
  const simNodes: SimNode[] = nodes.map((n) => {
    const r = prng(hash(n.key) ^ SEED);
    const angle = r() * 2 * Math.PI;
    const radius = 40 + r() * 260;
    return { key: n.key, size: n.size, x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
  });
  const simLinks: SimLink[] = links.map((l) => ({ source: l.source, target: l.target, distance: l.distance }));
  // Large networks get fewer ticks and a single collision pass (bounded server time; still deterministic).
  const large = nodes.length > 600;
  const ticks = large ? 100 : 300;
  const simulation = forceSimulation<SimNode, SimLink>(simNodes)
    .randomSource(prng(SEED))
    .force(
      'link',
      forceLink<SimNode, SimLink>(simLinks)
        .id((d) => d.key)
        .distance((l) => l.distance)
    )
    .force('charge', forceManyBody<SimNode>().strength(-420).distanceMax(600))
    .force(
      'collide',
      forceCollide<SimNode>((d) => d.size + 26)
        .strength(1)
        .iterations(large ? 1 : 3)
    )
    .force('x', forceX<SimNode>(0).strength(0.04))
    .force('y', forceY<SimNode>(0).strength(0.06))
    .stop();
  simulation.tick(ticks);
  return new Map(simNodes.map((n) => [n.key, { x: n.x ?? 0, y: n.y ?? 0 }]));
}

function sentenceList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
}

/** Builds the network and the table for the given evidence, filtered by the organisations' region and kind. */
export function buildReuseNetwork(
  evidence: ReuseEvidenceRow[],
  organisations: NetworkOrganisation[],
  projects: NetworkProject[],
  filters: NetworkFilters,
  options: NetworkOptions = {}
): ReuseNetwork {
  const href = options.href ?? pageHref;
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const passes = (orgId: string | null): boolean => {
    if (!orgId) return false;
    const o = orgById.get(orgId);
    if (!o) return !filters.region && !filters.kind;
    return (!filters.region || o.region === filters.region) && (!filters.kind || o.kind === filters.kind);
  };

  // Evidence pairs: organisation × project (the owner's own project is no reuse).
  const pairMap = new Map<string, ReusePair>();
  for (const e of evidence) {
    if (e.organisationId === e.ownerId) continue;
    if (!passes(e.organisationId)) continue;
    const key = `${e.organisationId}\u0000${e.projectId}`;
    let pair = pairMap.get(key);
    if (!pair) {
      const o = orgById.get(e.organisationId);
      pair = {
        projectId: e.projectId,
        projectName: e.projectName,
        ownerName: projectById.get(e.projectId)?.ownerName ?? null,
        organisationId: e.organisationId,
        organisationName: o?.name ?? e.organisationName,
        organisationKind: o?.kind ?? null,
        organisationRegion: o?.region ?? null,
        strength: 'erklärt',
        evidence: []
      };
      pairMap.set(key, pair);
    }
    if (e.strength === 'beobachtet') pair.strength = 'beobachtet';
    pair.evidence.push({
      kind: e.kind,
      label: REUSE_KIND_LABELS[e.kind] ?? e.kind,
      strength: e.strength,
      detail: e.detail,
      source: e.source,
      date: e.date
    });
  }
  const pairs = [...pairMap.values()].sort(
    (a, b) =>
      (a.strength === b.strength ? 0 : a.strength === 'beobachtet' ? -1 : 1) ||
      a.projectName.localeCompare(b.projectName, 'de') ||
      a.organisationName.localeCompare(b.organisationName, 'de')
  );

  // Nodes: the projects with evidence, their reusers and (when they pass the filter) their owners.
  const orgKeys = new Set<string>();
  const projectKeys = new Set<string>();
  for (const p of pairs) {
    orgKeys.add(p.organisationId);
    projectKeys.add(p.projectId);
  }
  const ownerLinks: { org: string; project: string }[] = [];
  for (const id of projectKeys) {
    const owner = projectById.get(id)?.ownerId;
    if (owner && passes(owner) && orgById.has(owner)) {
      orgKeys.add(owner);
      ownerLinks.push({ org: owner, project: id });
    }
  }

  const evidenceCount = (p: ReusePair) => p.evidence.length;
  const edgeWidth = (n: number) => Math.min(7, 1.5 + 1.6 * Math.log2(n));
  const pairsByOrg = new Map<string, ReusePair[]>();
  const pairsByProject = new Map<string, ReusePair[]>();
  for (const p of pairs) {
    pairsByOrg.set(p.organisationId, [...(pairsByOrg.get(p.organisationId) ?? []), p]);
    pairsByProject.set(p.projectId, [...(pairsByProject.get(p.projectId) ?? []), p]);
  }
  const ownedByOrg = new Map<string, string[]>();
  for (const l of ownerLinks) ownedByOrg.set(l.org, [...(ownedByOrg.get(l.org) ?? []), projectById.get(l.project)?.name ?? l.project]);
  const orgNodes = [...orgKeys].map((id) => {
    const o = orgById.get(id);
    const mine = pairsByOrg.get(id) ?? [];
    const owned = ownedByOrg.get(id) ?? [];
    return { id, o, mine, owned, size: 9 + Math.min(9, 2.5 * Math.sqrt(mine.length + owned.length)) };
  });
  const projectNodes = [...projectKeys].map((id) => {
    const p = projectById.get(id);
    const mine = pairsByProject.get(id) ?? [];
    return { id, p, mine, size: 8 + Math.min(9, 2.5 * Math.sqrt(mine.length)) };
  });

  const positions: Map<string, Placed> = (options.place ?? layout)(
    [...orgNodes.map((n) => ({ key: `o:${n.id}`, size: n.size })), ...projectNodes.map((n) => ({ key: `p:${n.id}`, size: n.size }))].sort(
      (a, b) => (a.key < b.key ? -1 : 1)
    ),
    [
      ...pairs.map((p) => ({ source: `o:${p.organisationId}`, target: `p:${p.projectId}`, distance: 110 })),
      ...ownerLinks.map((l) => ({ source: `o:${l.org}`, target: `p:${l.project}`, distance: 80 }))
    ]
  );

  // Fit into a viewBox with a margin for the labels: each as wide as its name (≈ 6.5 px per character at 11 px).
  const all = [...positions.values()];
  const placed = [...positions.entries()];
  const margin = 40;
  const nameLength = new Map<string, number>([
    ...orgNodes.map((n) => [`o:${n.id}`, (n.o?.name ?? n.id).length] as const),
    ...projectNodes.map((n) => [`p:${n.id}`, (n.p?.name ?? n.id).length] as const)
  ]);
  const labelRoom = (key: string) => 16 + 6.5 * (nameLength.get(key) ?? 0);
  const centreX = all.length ? all.reduce((a, p) => a + p.x, 0) / all.length : 0;
  // Labels point away from the centre: right of nodes on the right half, left of the others.
  const sideOf = (p: Placed): LabelSide => p.labelSide ?? (p.x < centreX ? 'left' : 'right');
  const reach = (key: string, p: Placed): [number, number] => {
    const room = labelRoom(key);
    const side = sideOf(p);
    return side === 'left' ? [room, 0] : side === 'right' ? [0, room] : [room * 0.6, room * 0.6];
  };
  const minX = Math.min(0, ...placed.map(([key, p]) => p.x - reach(key, p)[0]));
  const maxX = Math.max(0, ...placed.map(([key, p]) => p.x + reach(key, p)[1]));
  const minY = Math.min(0, ...all.map((p) => p.y));
  const maxY = Math.max(0, ...all.map((p) => p.y + (sideOf(p) === 'below' ? 28 : 0)));
  const width = Math.round(Math.max(480, maxX - minX + 2 * margin));
  const height = Math.round(Math.max(320, maxY - minY + 2 * margin));
  const offX = (width - (maxX - minX)) / 2 - minX;
  const offY = (height - (maxY - minY)) / 2 - minY;
  const at = (key: string) => {
    const p = positions.get(key) ?? { x: 0, y: 0 };
    return {
      x: Math.round((p.x + offX) * 10) / 10,
      y: Math.round((p.y + offY) * 10) / 10,
      labelSide: sideOf(p)
    };
  };

  const nodes: NetworkNode[] = [];
  for (const n of orgNodes.sort((a, b) => (a.o?.name ?? a.id).localeCompare(b.o?.name ?? b.id, 'de'))) {
    const name = n.o?.name ?? n.mine[0]?.organisationName ?? n.id;
    const lines = n.mine.map(
      (p) =>
        `nutzt ${p.projectName} (${p.strength}): ${p.evidence.map((e) => (e.detail ? `${e.label} – ${e.detail}` : e.label)).join('; ')}`
    );
    if (n.owned.length) lines.unshift(`Eigentümerin von ${sentenceList(n.owned)}`);
    const usesSummary = n.mine.length
      ? `nutzt ${sentenceList(n.mine.map((p) => `${p.projectName} (${p.strength}, ${p.evidence.length} ${p.evidence.length === 1 ? 'Nachweis' : 'Nachweise'})`))}`
      : 'keine Nachnutzung fremder Projekte';
    nodes.push({
      key: `o:${n.id}`,
      type: 'organisation',
      id: n.id,
      name,
      kind: n.o?.kind ?? null,
      region: n.o?.region ?? null,
      href: href('organisation', n.id),
      ...at(`o:${n.id}`),
      size: n.size,
      evidence: lines,
      ariaLabel: `Organisation ${name}, ${kindLabel(n.o?.kind)}${n.o?.region ? `, ${regionLabel(n.o.region)}` : ''}: ${usesSummary}${n.owned.length ? `; Eigentümerin von ${sentenceList(n.owned)}` : ''}.`
    });
  }
  for (const n of projectNodes.sort((a, b) => (a.p?.name ?? a.id).localeCompare(b.p?.name ?? b.id, 'de'))) {
    const name = n.p?.name ?? n.mine[0]?.projectName ?? n.id;
    const observed = n.mine.filter((p) => p.strength === 'beobachtet').length;
    const lines = n.mine.map(
      (p) => `${p.organisationName} (${p.strength}): ${p.evidence.map((e) => (e.detail ? `${e.label} – ${e.detail}` : e.label)).join('; ')}`
    );
    nodes.push({
      key: `p:${n.id}`,
      type: 'project',
      id: n.id,
      name,
      kind: null,
      region: null,
      href: href('project', n.id),
      ...at(`p:${n.id}`),
      size: n.size,
      evidence: lines,
      ariaLabel: `Projekt ${name}${n.p?.ownerName ? ` von ${n.p.ownerName}` : ''}: nachgenutzt von ${n.mine.length} ${n.mine.length === 1 ? 'Organisation' : 'Organisationen'} (${observed} beobachtet, ${n.mine.length - observed} nur erklärt) – ${sentenceList(n.mine.map((p) => `${p.organisationName} (${p.strength})`))}.`
    });
  }

  const edges: NetworkEdge[] = [];
  for (const l of ownerLinks) {
    const a = at(`o:${l.org}`);
    const b = at(`p:${l.project}`);
    edges.push({
      key: `own:${l.org}:${l.project}`,
      source: `o:${l.org}`,
      target: `p:${l.project}`,
      type: 'eigentum',
      count: 1,
      width: 1.25,
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y
    });
  }
  for (const p of pairs) {
    const a = at(`o:${p.organisationId}`);
    const b = at(`p:${p.projectId}`);
    edges.push({
      key: `use:${p.organisationId}:${p.projectId}`,
      source: `o:${p.organisationId}`,
      target: `p:${p.projectId}`,
      type: p.strength,
      count: evidenceCount(p),
      width: Math.round(edgeWidth(evidenceCount(p)) * 10) / 10,
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y
    });
  }

  const regions = [...new Set(organisations.map((o) => o.region).filter((r): r is string => !!r))].sort();
  const kinds = [...new Set(organisations.map((o) => o.kind))];
  return { width, height, nodes, edges, pairs, regions, kinds };
}
