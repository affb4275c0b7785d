import { describe, expect, it } from 'vitest';
import type { OrganisationFact, RelatedRepositoryFact } from '../../../src/lib/metrics/facts';
import {
  accountMatches,
  matchOrganisation,
  normaliseOrganisationName,
  reuseEvidence,
  summariseReuse,
  type ReuseInput
} from '../../../src/lib/metrics/reuse';
import { AS_OF, ago, bot, comment, commit, item, person } from './fixtures';

const org = (id: string, name: string, accounts: string[] = [], kind: OrganisationFact['kind'] = 'municipality'): OrganisationFact => ({
  id,
  name,
  kind,
  accounts
});
const organisations = new Map(
  [
    org('ulm', 'Stadt Ulm', ['github:stadt-ulm', 'opencode:ulm']),
    org('dortmund', 'Stadt Dortmund', ['github:stadt-dortmund']),
    org('jena', 'Stadt Jena', ['opencode:jena']),
    org('muenchen-stadt', 'Landeshauptstadt München'),
    org('muenchen-kreis', 'Landkreis München', [], 'county'),
    org('dataport', 'Dataport AöR', ['github:dataport'], 'it-service-provider')
  ].map((o) => [o.id, o])
);

const repo = {
  id: 1,
  key: 'github:stadt-ulm/terminbuchung',
  forgeId: 'github',
  path: 'stadt-ulm/terminbuchung',
  webUrl: 'https://github.com/stadt-ulm/terminbuchung',
  cloneUrl: 'https://github.com/stadt-ulm/terminbuchung.git',
  publiccode: null as Record<string, unknown> | null,
  createdAt: ago(2000),
  isFork: false,
  forkParent: null
};

const base: ReuseInput = {
  project: { id: 'terminbuchung', name: 'Terminbuchung', ownerId: 'ulm', usedBy: [] },
  repositories: [repo],
  organisations,
  forks: [],
  related: [],
  commits: [],
  items: [],
  comments: [],
  basedOn: []
};

describe('organisation names', () => {
  it('normalises „Stadt Dortmund“ ~ „dortmund“', () => {
    expect(normaliseOrganisationName('Stadt Dortmund')).toBe('dortmund');
    expect(normaliseOrganisationName('Landeshauptstadt München')).toBe('muenchen');
    expect(matchOrganisation('dortmund', organisations.values())?.id).toBe('dortmund');
    expect(matchOrganisation('STADT  DORTMUND', organisations.values())?.id).toBe('dortmund');
    expect(matchOrganisation('Landkreis München', organisations.values())?.id).toBe('muenchen-kreis');
    // ambiguous after shortening: no match rather than a wrong one
    expect(matchOrganisation('München', organisations.values())).toBeNull();
    expect(matchOrganisation('Dataport', organisations.values())?.id).toBe('dataport');
  });

  it('accounts match with their subgroups', () => {
    expect(accountMatches(['opencode:ulm'], 'opencode', 'ulm/digital')).toBe(true);
    expect(accountMatches(['opencode:ulm'], 'github', 'ulm')).toBe(false);
    expect(accountMatches(['github:stadt-ulm'], 'github', 'stadt-ulm-fork')).toBe(false);
  });
});

describe('reuse evidence (Nachnutzung)', () => {
  it('declared in the catalog and in publiccode.yml (erklärt)', () => {
    const withPubliccode = { ...repo, publiccode: { usedBy: ['Stadt Jena', 'Unbekanntes Amt', 'München'] } };
    const e = reuseEvidence(
      { ...base, repositories: [withPubliccode], project: { ...base.project, usedBy: ['dortmund', 'ulm'] } },
      AS_OF
    ).reuse;
    expect(e.map((x) => [x.organisationId, x.kind, x.strength])).toEqual([
      ['dortmund', 'declared-catalog', 'erklärt'],
      ['jena', 'declared-publiccode', 'erklärt']
    ]);
    expect(summariseReuse(e)).toEqual({ verified: [], declaredOnly: ['dortmund', 'jena'] });
  });

  it('a fork in an account of another organisation (beobachtet), not one of the owner', () => {
    const e = reuseEvidence(
      {
        ...base,
        forks: [
          {
            repositoryId: 1,
            forkKey: 'github:stadt-dortmund/terminbuchung',
            ownerAccount: 'stadt-dortmund',
            createdAt: ago(300),
            pushedAt: ago(2),
            aheadBy: 41
          },
          {
            repositoryId: 1,
            forkKey: 'github:stadt-ulm/terminbuchung-test',
            ownerAccount: 'stadt-ulm',
            createdAt: ago(300),
            pushedAt: ago(2),
            aheadBy: 1
          },
          {
            repositoryId: 1,
            forkKey: 'github:jemand/terminbuchung',
            ownerAccount: 'jemand',
            createdAt: ago(300),
            pushedAt: ago(2),
            aheadBy: 1
          }
        ]
      },
      AS_OF
    ).reuse;
    expect(e).toEqual([
      expect.objectContaining({
        organisationId: 'dortmund',
        kind: 'fork',
        strength: 'beobachtet',
        detail: 'Fork stadt-dortmund/terminbuchung mit 41 eigenen Commits'
      })
    ]);
  });

  it('a mirror sharing the root commit in another organisation’s project, the later one only', () => {
    const rel = (over: Partial<RelatedRepositoryFact>): RelatedRepositoryFact => ({
      repositoryId: 7,
      key: 'opencode:jena/terminbuchung',
      forgeId: 'opencode',
      path: 'jena/terminbuchung',
      projectId: 'terminbuchung-jena',
      projectOwnerId: 'jena',
      accountOrganisationId: 'jena',
      createdAt: ago(100),
      isFork: false,
      forkParent: null,
      sharesRootWith: 1,
      aheadBy: 3,
      firstCommitAt: ago(2000),
      ...over
    });
    const later = reuseEvidence({ ...base, related: [rel({})] }, AS_OF).reuse;
    expect(later.map((x) => [x.organisationId, x.kind])).toEqual([['jena', 'mirror']]);
    // The other repository is the original: this project is the copy, no evidence for Jena.
    expect(reuseEvidence({ ...base, related: [rel({ createdAt: ago(3000) })] }, AS_OF)).toEqual({ reuse: [], codevelopment: [] });
  });

  it('human contributions by people of other organisations, not bots, not the owner', () => {
    const issue = item(person(3, 'jena'), ago(20));
    const e = reuseEvidence(
      {
        ...base,
        commits: [
          commit(person(1, 'dortmund'), ago(5)),
          commit(person(1, 'dortmund'), ago(6)),
          commit(person(2, 'ulm'), ago(5)),
          commit({ ...bot(9), organisationId: 'dataport' }, ago(5))
        ],
        items: [issue],
        comments: [comment(issue, person(4, 'jena'), ago(19))]
      },
      AS_OF
    ).reuse;
    expect(e.map((x) => [x.organisationId, x.kind, x.detail])).toEqual([
      ['dortmund', 'contribution', '2 Commits von 1 Person (zuletzt am 18.11.2026)'],
      ['jena', 'contribution', '1 Issue/Pull Request, 1 Kommentar/Review von 2 Personen (zuletzt am 04.11.2026)']
    ]);
  });

  it('a project of O whose publiccode.yml isBasedOn names P by URL or name', () => {
    const e = reuseEvidence(
      {
        ...base,
        basedOn: [
          {
            projectId: 'termine-dortmund',
            projectName: 'Termine Dortmund',
            ownerId: 'dortmund',
            isBasedOn: ['https://github.com/stadt-ulm/terminbuchung.git']
          },
          { projectId: 'termine-jena', projectName: 'Termine Jena', ownerId: 'jena', isBasedOn: ['Terminbuchung'] },
          { projectId: 'anderes', projectName: 'Anderes', ownerId: 'dataport', isBasedOn: ['https://github.com/other/thing'] }
        ]
      },
      AS_OF
    ).reuse;
    expect(e.map((x) => [x.organisationId, x.kind])).toEqual([
      ['dortmund', 'is-based-on'],
      ['jena', 'is-based-on']
    ]);
  });

  it('what providers do is Mitentwicklung, never reuse; a municipality’s fork and research are reuse', () => {
    const withPubliccode = { ...repo, publiccode: { usedBy: ['Dataport'] } };
    const fork = (account: string, aheadBy: number) => ({
      repositoryId: 1,
      forkKey: `github:${account}/terminbuchung`,
      ownerAccount: account,
      createdAt: ago(300),
      pushedAt: ago(2),
      aheadBy
    });
    const e = reuseEvidence(
      {
        ...base,
        organisations: new Map([...organisations, ['uni', org('uni', 'Universität Ulm', [], 'research')]]),
        project: { ...base.project, usedBy: ['dataport'] },
        repositories: [withPubliccode],
        forks: [fork('dataport', 12), fork('stadt-dortmund', 0)],
        commits: [commit(person(1, 'dataport'), ago(5)), commit(person(2, 'uni'), ago(8))],
        basedOn: [{ projectId: 'produkt', projectName: 'Produkt', ownerId: 'dataport', isBasedOn: ['Terminbuchung'] }]
      },
      AS_OF
    );
    expect(e.reuse.map((x) => [x.organisationId, x.kind])).toEqual([
      ['dortmund', 'fork'],
      ['uni', 'contribution']
    ]);
    // Declared use by a provider is neither reuse nor Mitentwicklung.
    expect(e.codevelopment.map((x) => [x.organisationId, x.kind, x.strength])).toEqual([
      ['dataport', 'fork', 'beobachtet'],
      ['dataport', 'contribution', 'beobachtet'],
      ['dataport', 'is-based-on', 'beobachtet']
    ]);
    expect(summariseReuse(e.reuse)).toEqual({ verified: ['dortmund', 'uni'], declaredOnly: [] });
  });

  it('an organisation unknown to the catalog is neither', () => {
    const e = reuseEvidence({ ...base, commits: [commit(person(1, 'nirgendwo'), ago(5))] }, AS_OF);
    expect(e).toEqual({ reuse: [], codevelopment: [] });
  });
});
