import { describe, expect, it } from 'vitest';
import { buildReuseNetwork, type NetworkOrganisation, type NetworkProject } from '../../src/lib/server/reuse-network';
import type { ReuseEvidenceRow } from '../../src/queries/listReuseEvidence';

const orgs: NetworkOrganisation[] = [
  { id: 'ulm', name: 'Stadt Ulm', kind: 'municipality', region: 'DE-BW' },
  { id: 'dortmund', name: 'Stadt Dortmund', kind: 'municipality', region: 'DE-NW' },
  { id: 'jena', name: 'Stadt Jena', kind: 'municipality', region: 'DE-TH' },
  { id: 'dataport', name: 'Dataport', kind: 'it-service-provider', region: 'DE-SH' }
];
const projects: NetworkProject[] = [
  { id: 'termin', name: 'Terminbuchung', ownerId: 'ulm', ownerName: 'Stadt Ulm' },
  { id: 'formular', name: 'Formularserver', ownerId: 'dataport', ownerName: 'Dataport' }
];
const ev = (
  projectId: string,
  ownerId: string,
  organisationId: string,
  kind: ReuseEvidenceRow['kind'],
  detail = '<b>x</b>'
): ReuseEvidenceRow => ({
  projectId,
  projectName: projects.find((p) => p.id === projectId)!.name,
  ownerId,
  asOf: '2026-11-23',
  organisationId,
  organisationName: orgs.find((o) => o.id === organisationId)!.name,
  kind,
  strength: kind.startsWith('declared') ? 'erklärt' : 'beobachtet',
  detail,
  source: 'GitHub',
  date: '2026-01-01'
});
const evidence = [
  ev('termin', 'ulm', 'dortmund', 'fork'),
  ev('termin', 'ulm', 'dortmund', 'contribution'),
  ev('termin', 'ulm', 'jena', 'declared-catalog'),
  ev('formular', 'dataport', 'ulm', 'declared-publiccode'),
  ev('termin', 'ulm', 'ulm', 'contribution')
];

describe('buildReuseNetwork', () => {
  const net = buildReuseNetwork(evidence, orgs, projects, { region: null, kind: null });

  it('makes one edge per organisation and project, observed when any evidence is observed', () => {
    const use = net.edges.filter((e) => e.type !== 'eigentum').map((e) => `${e.source}>${e.target}:${e.type}:${e.count}`);
    expect(use.sort()).toEqual(['o:dortmund>p:termin:beobachtet:2', 'o:jena>p:termin:erklärt:1', 'o:ulm>p:formular:erklärt:1']);
    const owner = net.edges.filter((e) => e.type === 'eigentum').map((e) => `${e.source}>${e.target}`);
    expect(owner.sort()).toEqual(['o:dataport>p:formular', 'o:ulm>p:termin']);
    // The owner's own contributions are no reuse.
    expect(net.pairs.some((p) => p.organisationId === 'ulm' && p.projectId === 'termin')).toBe(false);
    const wide = net.edges.find((e) => e.key === 'use:dortmund:termin')!;
    const thin = net.edges.find((e) => e.key === 'use:jena:termin')!;
    expect(wide.width).toBeGreaterThan(thin.width);
  });

  it('is deterministic and inside the drawing', () => {
    const again = buildReuseNetwork(evidence, orgs, projects, { region: null, kind: null });
    expect(again).toEqual(net);
    for (const n of net.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(n.size);
      expect(n.y).toBeGreaterThanOrEqual(n.size);
      expect(n.x).toBeLessThanOrEqual(net.width - n.size);
      expect(n.y).toBeLessThanOrEqual(net.height - n.size);
    }
    const distinct = new Set(net.nodes.map((n) => `${Math.round(n.x)},${Math.round(n.y)}`));
    expect(distinct.size).toBe(net.nodes.length);
  });

  it('names every node with its evidence', () => {
    const termin = net.nodes.find((n) => n.key === 'p:termin')!;
    expect(termin.ariaLabel).toContain('Projekt Terminbuchung von Stadt Ulm');
    expect(termin.ariaLabel).toContain('1 beobachtet, 1 nur erklärt');
    const dortmund = net.nodes.find((n) => n.key === 'o:dortmund')!;
    expect(dortmund.ariaLabel).toContain('nutzt Terminbuchung (beobachtet, 2 Nachweise)');
    expect(dortmund.evidence[0]).toContain('Abspaltung (Fork) – <b>x</b>');
  });

  it('filters by region and kind of the organisations', () => {
    const nw = buildReuseNetwork(evidence, orgs, projects, { region: 'DE-NW', kind: null });
    expect(nw.pairs.map((p) => p.organisationId)).toEqual(['dortmund']);
    expect(nw.nodes.map((n) => n.key).sort()).toEqual(['o:dortmund', 'p:termin']);
    const providers = buildReuseNetwork(evidence, orgs, projects, { region: null, kind: 'it-service-provider' });
    expect(providers.pairs).toEqual([]);
    expect(providers.nodes).toEqual([]);
  });
});
