import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lib/catalog/load';

const KOMMUNEN = fileURLToPath(new URL('../../examples/kommunen.yml', import.meta.url));

describe('examples/kommunen.yml', () => {
  const catalog = loadCatalog(KOMMUNEN);
  const orgIds = new Set(catalog.organisations.map((o) => o.id));

  it('loads with a sizeable set of organisations and projects', () => {
    expect(catalog.organisations.length).toBeGreaterThanOrEqual(20);
    expect(catalog.projects.length).toBeGreaterThanOrEqual(20);
  });

  it('gives every project an owner that is listed as an organisation', () => {
    for (const p of catalog.projects) {
      expect(p.owner, `project ${p.id} has no owner`).toBeDefined();
      expect(orgIds.has(p.owner!), `owner ${p.owner} of ${p.id}`).toBe(true);
      for (const u of p.usedBy) expect(orgIds.has(u), `usedBy ${u} of ${p.id}`).toBe(true);
    }
  });

  it('references only github: and opencode: repositories, as owner/name paths', () => {
    for (const p of catalog.projects) {
      expect(p.repositories.length).toBeGreaterThan(0);
      for (const r of p.repositories) expect(r, `project ${p.id}`).toMatch(/^(github|opencode):[^/\s]+(\/[^/\s]+)+$/);
    }
  });

  it('uses only github: and opencode: accounts, and discovers accounts some organisation owns', () => {
    const accounts = new Set(catalog.organisations.flatMap((o) => o.accounts.map((a) => a.toLowerCase())));
    for (const a of accounts) expect(a).toMatch(/^(github|opencode):[^/\s]+$/);
    expect(catalog.discover.length).toBeGreaterThan(0);
    for (const d of catalog.discover) expect(accounts.has(d.toLowerCase()), `discover ${d}`).toBe(true);
  });

  it('keeps names private and holds no literal tokens', () => {
    expect(catalog.privacy.showNames).toBe(false);
    for (const f of catalog.forges) if (f.token) expect(f.token).toMatch(/^env:/);
  });

  it('uses well-formed regions and 8-digit AGS', () => {
    for (const o of catalog.organisations) {
      if (o.region) expect(o.region).toMatch(/^DE(-[A-Z]{2})?$/);
      if (o.ags) expect(o.ags).toMatch(/^\d{8}$/);
    }
  });
});
