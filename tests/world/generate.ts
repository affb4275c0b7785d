/**
 * The deterministic world generator (DESIGN §9): organisations, people, projects with real bare git
 * repositories (git fast-import), forge data for the emulator, the catalog, and the truth.
 *
 *   const world = await generateWorld({ seed: 'x', size: 'tiny', dir });
 *   const truth = await readTruth(dir);   // or truthOf(world)
 *
 * Same seed and size → the same world, byte for byte, including every commit hash.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { LICENCES, ORGS, PROJECT_TOPICS, slug, type OrgDef, type Spdx } from './data';
import { pool, writeRepository } from './gitwrite';
import {
  buildFork,
  buildHistory,
  CommitMaker,
  type BotStream,
  type HistoryCtx,
  type HistoryPlan,
  type Phase,
  type FixedEvent
} from './history';
import type { Archetype, GCommit, GPerson, GProject, GRepo, LifecycleState, MailmapEntry, PubliccodeStatus, WorldState } from './internal';
import { buildItems, buildReleases, ItemMaker, type FixedItem, type ItemPlan } from './items';
import type { World, WorldAccount, WorldForge, WorldItem, WorldPerson, WorldRepository } from './model';
import { BOT, buildPeople, DAY, isoToSec, PeopleFactory, SPECIAL, secToIso, translit } from './people';
import { Rng } from './prng';
import { protectionOf } from './protection';
import { CONTRIBUTING_MD, GITIGNORE, mailmapText, publiccodeText, readmeText, SECURITY_MD } from './publiccode';
import { TruthCalculator, type WorldTruth } from './truth';
import { codeFileFor, PUBLIC_BODY_KINDS, withPublicReuse, worldReadinessFiles } from './readiness';

export type WorldSize = 'tiny' | 'demo' | 'bench';

export interface GenerateOptions {
  seed: string;
  size: WorldSize;
  dir: string;
  now?: string;
}

export const DEFAULT_NOW = '2026-11-23T04:00:00Z';

export const PERSONAL_EMAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'web.de',
  'gmx.de',
  'gmx.net',
  'posteo.de',
  'outlook.com',
  't-online.de',
  'mailbox.org'
];

/** In-memory state of worlds generated or loaded in this process. */
const STATES = new WeakMap<World, { state: WorldState; truth: WorldTruth }>();

export function truthOf(world: World): WorldTruth {
  const s = STATES.get(world);
  if (!s) throw new Error('world was not generated or loaded in this process; use readTruth(world.dir)');
  return s.truth;
}

export function stateOf(world: World): WorldState | undefined {
  return STATES.get(world)?.state;
}

export function rememberWorld(world: World, state: WorldState, truth: WorldTruth): void {
  STATES.set(world, { state, truth });
}

// ------------------------------------------------------------------------------------------------
interface RepoSpec {
  forge: 'github' | 'gitlab' | 'git';
  /** Owner organisation (default: the project's owner). */
  org?: string;
  /** GitLab subgroup below the organisation's group. */
  sub?: string;
  name?: string;
  role: 'primary' | 'mirror';
  renamedFrom?: string;
  archived?: boolean;
  private?: boolean;
  empty?: boolean;
  hasIssues?: boolean;
  defaultBranch?: string;
}

interface ForkSpec {
  org: string;
  /** Index of the project's repository that is forked (default 0). */
  of?: number;
  own: number;
  /** List the fork as a catalog project of its organisation. */
  catalogId?: string;
}

type BotKind = 'dependabot' | 'renovate' | 'actions-data' | 'ulm-ci' | 'jenkins';

interface ProjectSpec {
  id: string;
  name: string;
  owner: string;
  archetype: Archetype;
  category: string;
  devOrg?: string;
  concentration?: 'person' | 'organisation';
  mainPerson?: string;
  extra?: string[];
  repos: RepoSpec[];
  licence: Spdx;
  licenceChange?: Spdx;
  publiccode: PubliccodeStatus;
  usedByCatalog?: string[];
  usedByPubliccode?: string[];
  isBasedOn?: string;
  forks?: ForkSpec[];
  mirrorOf?: string;
  mailmap?: boolean;
  security?: boolean;
  contributing?: boolean;
  /** Every optional file of the reuse checklist (else a believable random few). */
  allReadinessFiles?: boolean;
  catalog: boolean;
  discoveredFrom?: string;
  bots?: BotKind[];
  forgeReleases?: boolean;
  nonVersionTags?: boolean;
}

const SPECIAL_SPECS: (ProjectSpec & { tier: WorldSize })[] = [
  {
    tier: 'tiny',
    id: 'terminbuchung',
    name: 'Terminbuchung',
    owner: 'ulm',
    archetype: 'aktiv',
    category: 'appointment-scheduling',
    mainPerson: SPECIAL.juergen,
    extra: [SPECIAL.katharina, SPECIAL.lieke],
    repos: [
      { forge: 'github', role: 'primary', name: 'terminbuchung' },
      { forge: 'gitlab', role: 'mirror', sub: 'digital', name: 'terminbuchung', hasIssues: false }
    ],
    licence: 'MIT',
    licenceChange: 'EUPL-1.2',
    publiccode: 'valid',
    usedByCatalog: ['dortmund'],
    usedByPubliccode: ['alb-donau-kreis'],
    forks: [
      { org: 'dortmund', own: 25 },
      { org: 'alb-donau-kreis', of: 1, own: 2 }
    ],
    mailmap: true,
    security: true,
    contributing: true,
    allReadinessFiles: true,
    catalog: true,
    bots: ['dependabot', 'ulm-ci'],
    forgeReleases: true,
    nonVersionTags: true
  },
  {
    tier: 'tiny',
    id: 'ratsinfo',
    name: 'Ratsinformationssystem',
    owner: 'dataport',
    archetype: 'stabil',
    category: 'document-management',
    concentration: 'organisation',
    repos: [
      { forge: 'gitlab', role: 'primary', sub: 'kommunal', name: 'ratsinfo', defaultBranch: 'master' },
      { forge: 'gitlab', role: 'primary', sub: 'kommunal', name: 'ratsinfo-doku', empty: true, hasIssues: false }
    ],
    licence: 'EUPL-1.2',
    publiccode: 'outdated',
    security: true,
    catalog: true,
    bots: ['jenkins'],
    forgeReleases: true
  },
  {
    tier: 'tiny',
    id: 'abfallkalender',
    name: 'Abfallkalender',
    owner: 'dortmund',
    archetype: 'ruhend',
    category: 'event-management',
    mainPerson: SPECIAL.katharina,
    repos: [{ forge: 'github', role: 'primary', name: 'abfallkalender', renamedFrom: 'abfallkalender-app' }],
    licence: 'GPL-3.0',
    publiccode: 'valid',
    isBasedOn: 'abfallkalender-ulm',
    catalog: true,
    bots: ['dependabot'],
    contributing: true
  },
  {
    tier: 'tiny',
    id: 'mitfahrbank',
    name: 'Mitfahrbank',
    owner: 'alb-donau-kreis',
    archetype: 'neu',
    category: 'fleet-management',
    repos: [{ forge: 'gitlab', role: 'primary', name: 'mitfahrbank', hasIssues: false }],
    licence: 'EUPL-1.2',
    publiccode: 'wrong-types',
    catalog: true,
    bots: ['renovate']
  },
  {
    tier: 'tiny',
    id: 'formularserver',
    name: 'Formularserver',
    owner: 'ulm',
    devOrg: 'dataport',
    archetype: 'aktiv',
    category: 'data-collection',
    concentration: 'organisation',
    repos: [{ forge: 'git', role: 'primary', name: 'formularserver', defaultBranch: 'develop' }],
    licence: 'Apache-2.0',
    publiccode: 'invalid-yaml',
    catalog: true,
    bots: ['jenkins'],
    nonVersionTags: true
  },
  {
    tier: 'tiny',
    id: 'intranet',
    name: 'Intranet',
    owner: 'ulm',
    archetype: 'aktiv',
    category: 'content-management',
    repos: [{ forge: 'github', role: 'primary', name: 'intranet', private: true }],
    licence: 'MIT',
    publiccode: 'missing',
    catalog: true
  },
  {
    tier: 'tiny',
    id: 'altes-portal',
    name: 'Altes Bürgerportal',
    owner: 'dortmund',
    archetype: 'archiviert',
    category: 'content-management',
    repos: [{ forge: 'github', role: 'primary', name: 'altes-portal', archived: true, defaultBranch: 'master' }],
    licence: 'MIT',
    publiccode: 'alias-bomb',
    catalog: true
  },
  {
    tier: 'tiny',
    id: 'radwege-karte',
    name: 'Radwege-Karte',
    owner: 'oklab-ulm',
    archetype: 'abnehmend',
    category: 'geographic-information-systems',
    concentration: 'person',
    mainPerson: SPECIAL.tim,
    extra: [SPECIAL.lieke],
    repos: [{ forge: 'github', role: 'primary', name: 'radwege-karte' }],
    licence: 'MIT',
    publiccode: 'missing',
    catalog: false,
    discoveredFrom: 'github:oklab-ulm'
  },
  {
    tier: 'tiny',
    id: 'abfallkalender-ulm',
    name: 'Abfallkalender Ulm',
    owner: 'oklab-ulm',
    archetype: 'aufgegeben',
    category: 'event-management',
    mainPerson: SPECIAL.lieke,
    extra: [SPECIAL.tim],
    repos: [{ forge: 'github', role: 'primary', name: 'abfallkalender-ulm' }],
    licence: 'MIT',
    publiccode: 'missing',
    catalog: false,
    discoveredFrom: 'github:oklab-ulm',
    bots: ['actions-data']
  },
  // ---- demo ----
  {
    tier: 'demo',
    id: 'dms-connector',
    name: 'DMS-Connector',
    owner: 'muenchen',
    devOrg: 'werkbank-it',
    archetype: 'aktiv',
    category: 'document-management',
    concentration: 'organisation',
    repos: [{ forge: 'github', role: 'primary', name: 'dms-connector' }],
    licence: 'EUPL-1.2',
    publiccode: 'valid',
    usedByPubliccode: ['koeln', 'bonn'],
    security: true,
    catalog: true,
    bots: ['dependabot'],
    forgeReleases: true
  },
  {
    tier: 'demo',
    id: 'koeln-dms-connector',
    name: 'DMS-Connector (Spiegel Köln)',
    owner: 'koeln',
    archetype: 'aktiv',
    category: 'document-management',
    mirrorOf: 'dms-connector',
    repos: [{ forge: 'gitlab', role: 'mirror', name: 'dms-connector', hasIssues: false }],
    licence: 'EUPL-1.2',
    publiccode: 'valid',
    catalog: true
  },
  {
    tier: 'demo',
    id: 'buergerbeteiligung',
    name: 'Bürgerbeteiligung',
    owner: 'schleswig-holstein',
    archetype: 'aktiv',
    category: 'online-community',
    repos: [{ forge: 'gitlab', role: 'primary', sub: 'ministerium-digitalisierung', name: 'buergerbeteiligung' }],
    licence: 'Apache-2.0',
    licenceChange: 'EUPL-1.2',
    publiccode: 'valid',
    usedByCatalog: ['kreis-nordfriesland'],
    forks: [
      { org: 'kiel', own: 30, catalogId: 'kiel-beteiligung' },
      { org: 'luebeck', own: 3 }
    ],
    security: true,
    contributing: true,
    catalog: true,
    bots: ['renovate'],
    forgeReleases: true
  },
  {
    tier: 'demo',
    id: 'maengelmelder',
    name: 'Mängelmelder',
    owner: 'bonn',
    archetype: 'abnehmend',
    category: 'feedback-and-reviews-management',
    concentration: 'person',
    repos: [{ forge: 'github', role: 'primary', name: 'maengelmelder' }],
    licence: 'AGPL-3.0',
    publiccode: 'valid',
    usedByCatalog: ['aachen'],
    catalog: true,
    bots: ['dependabot']
  },
  {
    tier: 'demo',
    id: 'geoportal',
    name: 'Geoportal',
    owner: 'karlsruhe',
    archetype: 'stabil',
    category: 'geographic-information-systems',
    repos: [{ forge: 'gitlab', role: 'primary', name: 'geoportal' }],
    licence: 'GPL-3.0',
    publiccode: 'valid',
    usedByPubliccode: ['heidelberg'],
    security: true,
    catalog: true,
    forgeReleases: true
  },
  {
    tier: 'demo',
    id: 'kita-platzvergabe',
    name: 'Kita-Platzvergabe',
    owner: 'leipzig',
    archetype: 'ruhend',
    category: 'resource-management',
    repos: [{ forge: 'gitlab', role: 'primary', name: 'kita-platzvergabe' }],
    licence: 'EUPL-1.2',
    publiccode: 'outdated',
    catalog: true,
    bots: ['renovate']
  },
  {
    tier: 'demo',
    id: 'wahlergebnisse',
    name: 'Wahlergebnisse',
    owner: 'nordlicht',
    archetype: 'aktiv',
    category: 'data-visualization',
    concentration: 'organisation',
    repos: [{ forge: 'github', role: 'primary', name: 'wahlergebnisse' }],
    licence: 'MIT',
    publiccode: 'valid',
    usedByCatalog: ['kiel', 'luebeck', 'kreis-nordfriesland'],
    catalog: true,
    bots: ['dependabot'],
    forgeReleases: true
  },
  {
    tier: 'demo',
    id: 'haushalt-koeln',
    name: 'Offener Haushalt Köln',
    owner: 'oklab-koeln',
    archetype: 'aufgegeben',
    category: 'data-visualization',
    repos: [{ forge: 'github', role: 'primary', name: 'offener-haushalt' }],
    licence: 'MIT',
    publiccode: 'missing',
    catalog: true,
    bots: ['actions-data']
  },
  {
    tier: 'demo',
    id: 'chatbot-buergerservice',
    name: 'Chatbot Bürgerservice',
    owner: 'zendis',
    devOrg: 'fokus',
    archetype: 'neu',
    category: 'customer-service-and-support',
    repos: [{ forge: 'gitlab', role: 'primary', name: 'chatbot-buergerservice' }],
    licence: 'EUPL-1.2',
    publiccode: 'valid',
    catalog: true
  }
];

const ARCHETYPE_WEIGHTS: [Archetype, number][] = [
  ['aktiv', 35],
  ['stabil', 9],
  ['abnehmend', 14],
  ['ruhend', 10],
  ['aufgegeben', 20],
  ['archiviert', 5],
  ['neu', 7]
];

const SIZES: Record<WorldSize, { projects: number; historyDays: [number, number]; rate: number; itemRate: number }> = {
  tiny: { projects: 0, historyDays: [420, 800], rate: 0.12, itemRate: 0.35 },
  demo: { projects: 80, historyDays: [420, 1600], rate: 0.45, itemRate: 0.8 },
  bench: { projects: 1000, historyDays: [500, 1826], rate: 0.3, itemRate: 0.5 }
};

function tierIncluded(tier: WorldSize, size: WorldSize): boolean {
  const order: WorldSize[] = ['tiny', 'demo', 'bench'];
  return order.indexOf(tier) <= order.indexOf(size);
}

// ------------------------------------------------------------------------------------------------
class Builder {
  readonly rng: Rng;
  readonly nowSec: number;
  readonly nowDay: number;
  readonly orgs: OrgDef[];
  readonly orgById: Map<string, OrgDef>;
  /** DESIGN §7: public bodies, research and civil society (their use is reuse) and the providers. */
  readonly adopters: OrgDef[];
  readonly providers: OrgDef[];
  readonly factory: PeopleFactory;
  readonly commits = new Map<number, GCommit>();
  readonly repos: GRepo[] = [];
  readonly repoByRef = new Map<string, GRepo>();
  readonly projects: GProject[] = [];
  /** The optional reuse-checklist files each project's repositories carry (readiness.ts). */
  readonly readinessKeys = new Map<string, GProject['readinessFiles']>();
  readonly truthCalc: TruthCalculator;
  readonly ctx: HistoryCtx;
  readonly githubCommitter: number;
  readonly sizeCfg: (typeof SIZES)[WorldSize];
  /** Every repository reference the project specs will create (forks must not take them). */
  plannedRefs = new Set<string>();

  constructor(
    readonly seed: string,
    readonly size: WorldSize,
    readonly dir: string,
    now: string
  ) {
    this.rng = new Rng(`allmende-world/${seed}/${size}`);
    this.nowSec = isoToSec(now);
    this.nowDay = Math.floor(this.nowSec / DAY);
    this.orgs = ORGS.filter((o) => tierIncluded(o.tier, size));
    this.orgById = new Map(this.orgs.map((o) => [o.id, o]));
    this.providers = this.orgs.filter((o) => o.kind === 'company' || o.kind === 'it-service-provider');
    this.adopters = this.orgs.filter((o) => !this.providers.includes(o));
    this.sizeCfg = SIZES[size];
    this.factory = buildPeople(this.rng.fork('people'), this.orgs, size, this.nowSec);
    this.githubCommitter = this.factory.identity('forge:github', 'GitHub', 'noreply@github.com');
    this.ctx = {
      nowSec: this.nowSec,
      people: this.factory.b.byKey,
      identities: this.factory.b.identities,
      commits: this.commits,
      githubCommitter: this.githubCommitter
    };
    this.truthCalc = new TruthCalculator({
      seed,
      size,
      now: this.nowSec,
      identities: this.factory.b.identities,
      persons: this.factory.b.persons,
      commits: this.commits,
      repos: this.repos,
      projects: this.projects,
      orgs: this.orgs,
      personalDomains: PERSONAL_EMAIL_DOMAINS
    });
  }

  person(key: string): GPerson {
    const p = this.factory.b.byKey.get(key);
    if (!p) throw new Error(`unknown person ${key}`);
    return p;
  }

  staff(org: string): string[] {
    return this.factory.b.staff.get(org) ?? [];
  }

  ensureAccount(key: string, forge: 'github' | 'gitlab' | 'git'): void {
    if (forge === 'git') return;
    const p = this.person(key);
    if (p.isBot) return;
    if (forge === 'github' && !p.github)
      this.factory.githubAccount(p, this.factory.login(translit(p.name).replace(/\./g, '-').slice(0, 24)));
    if (forge === 'gitlab' && !p.gitlab) this.factory.gitlabAccount(p, this.factory.login(translit(p.name).slice(0, 24)));
  }

  /** A staff member of org who only ever uses work addresses (for projects that hang on one organisation). */
  cleanStaff(org: string, n: number, rng: Rng): string[] {
    const clean = this.staff(org).filter((k) => {
      const p = this.person(k);
      return (
        p.employment.length === 1 && p.employment[0].org === org && p.identities.every((i) => i.kind === 'work' || i.kind === 'variant')
      );
    });
    while (clean.length < n) {
      const o = this.orgById.get(org)!;
      const name = this.factory.freshName(rng);
      const key = `p:${translit(name).replace(/\./g, '-')}`;
      const p = this.factory.person(key, name, 'developer');
      p.employment.push({ org, from: '2015-01-01' });
      const [first, ...rest] = name.split(' ');
      this.factory.addIdentity(
        p,
        'work',
        name,
        this.factory.freshEmail([`${translit(first)}.${translit(rest.join(' '))}@${o.domains[0]}`]),
        { org, weight: 6 }
      );
      this.factory.addStaff(org, key);
      clean.push(key);
    }
    return clean;
  }

  repoPath(
    spec: RepoSpec,
    projectOwner: string
  ): { forge: 'github' | 'gitlab' | 'git'; path: string; ref: string; catalogRef: string; gitDir: string; previous: string[] } {
    const org = this.orgById.get(spec.org ?? projectOwner)!;
    const name = spec.name!;
    if (spec.forge === 'git') {
      const gitDir = join(this.dir, 'git', org.id, `${name}.git`);
      return { forge: 'git', path: gitDir, ref: `git:${gitDir}`, catalogRef: `git:${gitDir}`, gitDir, previous: [] };
    }
    if (spec.forge === 'github') {
      if (!org.github) throw new Error(`${org.id} has no GitHub organisation`);
      const path = `${org.github}/${name}`;
      const previous = spec.renamedFrom ? [`${org.github}/${spec.renamedFrom}`] : [];
      return {
        forge: 'github',
        path,
        ref: `github:${path}`,
        catalogRef: previous.length ? `github:${previous[0]}` : `github:${path}`,
        gitDir: join(this.dir, 'github', `${path}.git`),
        previous
      };
    }
    if (!org.gitlab) throw new Error(`${org.id} has no OpenCoDE group`);
    const group = spec.sub ? `${org.gitlab}/${spec.sub}` : org.gitlab;
    const path = `${group}/${name}`;
    const previous = spec.renamedFrom ? [`${group}/${spec.renamedFrom}`] : [];
    return {
      forge: 'gitlab',
      path,
      ref: `opencode:${path}`,
      catalogRef: previous.length ? `opencode:${previous[0]}` : `opencode:${path}`,
      gitDir: join(this.dir, 'gitlab', `${path}.git`),
      previous
    };
  }

  newRepo(spec: RepoSpec, owner: string, licence: Spdx | null, createdAt: number, description: string): GRepo {
    const loc = this.repoPath(spec, owner);
    return {
      ref: loc.ref,
      forge: loc.forge,
      path: loc.path,
      catalogRef: loc.catalogRef,
      previousPaths: loc.previous,
      gitDir: loc.gitDir,
      defaultBranch: spec.defaultBranch ?? 'main',
      order: [],
      head: null,
      branches: [],
      tags: [],
      mailmap: [],
      archived: spec.archived ?? false,
      visibility: spec.private ? 'private' : 'public',
      hasIssues: spec.hasIssues ?? true,
      role: spec.role,
      upstream: null,
      ownerOrg: spec.org ?? owner,
      createdAt,
      description,
      topics: [],
      licenseSpdx: licence,
      stars: 0,
      items: [],
      releases: [],
      headSha: null,
      rootShas: [],
      forgeId: 0
    };
  }

  addRepo(r: GRepo): void {
    if (this.repoByRef.has(r.ref)) throw new Error(`duplicate repository ${r.ref}`);
    this.repos.push(r);
    this.repoByRef.set(r.ref, r);
    this.truthCalc.setRepo(r);
  }

  // ----------------------------------------------------------------------------------------------
  fillerSpecs(): ProjectSpec[] {
    const out: ProjectSpec[] = [];
    const target = this.sizeCfg.projects;
    const have = SPECIAL_SPECS.filter((s) => tierIncluded(s.tier, this.size)).length;
    const r = this.rng.fork('fillers');
    const used = new Set(SPECIAL_SPECS.map((s) => s.id));
    // Repository names per owner already taken by the hand-made projects.
    const usedNames = new Set(SPECIAL_SPECS.flatMap((s) => s.repos.map((r) => `${r.org ?? s.owner}/${r.name}`)));
    const owners = this.orgs.filter((o) => o.github || o.gitlab);
    const municipalities = this.orgs.filter((o) => o.kind === 'municipality' || o.kind === 'county');
    const providers = this.orgs.filter((o) => o.kind === 'it-service-provider' || o.kind === 'company');
    for (let i = have; i < target; i++) {
      const owner = r.pick(owners);
      const [topic, category] = r.pick(PROJECT_TOPICS);
      let id = `${slug(topic)}-${owner.id}`;
      for (let k = 2; used.has(id); k++) id = `${slug(topic)}-${owner.id}-${k}`;
      used.add(id);
      const archetype = r.weighted(
        ARCHETYPE_WEIGHTS.map((a) => a[0]),
        ARCHETYPE_WEIGHTS.map((a) => a[1])
      );
      const forges: ('github' | 'gitlab')[] = [];
      if (owner.github) forges.push('github');
      if (owner.gitlab) forges.push('gitlab');
      const forge = r.pick(forges);
      let repoName = id.replace(`-${owner.id}`, '');
      for (let k = 2; usedNames.has(`${owner.id}/${repoName}`); k++) repoName = `${slug(topic)}-${k}`;
      usedNames.add(`${owner.id}/${repoName}`);
      const repos: RepoSpec[] = [
        {
          forge,
          role: 'primary',
          name: repoName,
          archived: archetype === 'archiviert',
          hasIssues: r.chance(0.9),
          defaultBranch: r.chance(0.2) ? 'master' : 'main'
        }
      ];
      if (forges.length === 2 && r.chance(0.15))
        repos.push({
          forge: forge === 'github' ? 'gitlab' : 'github',
          role: 'mirror',
          name: repoName,
          hasIssues: false,
          defaultBranch: repos[0].defaultBranch,
          archived: archetype === 'archiviert'
        });
      const concentration = archetype === 'aktiv' && r.chance(0.25) ? (r.chance(0.5) ? 'person' : 'organisation') : undefined;
      const devOrg = concentration === 'organisation' || r.chance(0.2) ? r.pick(providers).id : undefined;
      const forks: ForkSpec[] = [];
      if (['aktiv', 'stabil', 'abnehmend'].includes(archetype) && r.chance(0.12)) {
        const cands = municipalities.filter((m) => m.id !== owner.id && (forge === 'github' ? m.github : m.gitlab));
        for (const m of r.sample(cands, r.int(1, 2))) forks.push({ org: m.id, own: r.chance(0.4) ? r.int(21, 40) : r.int(0, 8) });
      }
      const licence = r.pick(LICENCES);
      const publiccode = r.weighted<PubliccodeStatus>(['valid', 'outdated', 'missing', 'invalid-yaml', 'wrong-types'], [45, 12, 35, 4, 4]);
      const usedBy = r.chance(0.15)
        ? r
            .sample(
              municipalities.filter((m) => m.id !== owner.id),
              r.int(1, 3)
            )
            .map((m) => m.id)
        : [];
      const bots: BotKind[] = [];
      if (r.chance(0.4)) bots.push(forge === 'github' ? 'dependabot' : 'renovate');
      if (r.chance(0.05) && forge === 'github') bots.push('actions-data');
      out.push({
        id,
        name: `${topic}${owner.kind === 'municipality' ? ` ${owner.name.replace(/^(Stadt|Landeshauptstadt|Bundesstadt|Hansestadt|Wissenschaftsstadt) /, '')}` : ''}`,
        owner: owner.id,
        archetype,
        category,
        devOrg,
        concentration,
        repos,
        licence,
        licenceChange: r.chance(0.05) ? r.pick(LICENCES.filter((l) => l !== licence)) : undefined,
        publiccode,
        usedByCatalog: publiccode === 'valid' && r.chance(0.5) ? [] : usedBy,
        usedByPubliccode: publiccode === 'valid' ? usedBy : [],
        forks,
        security: r.chance(0.4),
        contributing: r.chance(0.5),
        catalog: true,
        bots,
        forgeReleases: r.chance(0.6),
        nonVersionTags: r.chance(0.3)
      });
    }
    return out;
  }

  // ----------------------------------------------------------------------------------------------
  buildProject(spec: ProjectSpec, index: number): void {
    const prng = this.rng.fork(`project:${spec.id}`);
    const D = this.nowDay;
    const devOrg = spec.devOrg ?? spec.owner;
    const primarySpec = spec.repos[0];
    const primaryForge = primarySpec.forge;
    // Team.
    let maintainers: string[];
    let team: { person: string; weight: number }[];
    const staff = this.staff(devOrg).filter((k) => !this.person(k).isBot);
    if (spec.concentration === 'organisation') {
      maintainers = prng.sample(this.cleanStaff(devOrg, 2, prng), prng.int(1, 2));
      team = maintainers.map((m, i) => ({ person: m, weight: i === 0 ? 6 : 3 }));
      const more = this.cleanStaff(devOrg, 3, prng).filter((k) => !maintainers.includes(k));
      if (more.length) team.push({ person: more[0], weight: 1.5 });
      if (spec.mainPerson) team.push({ person: spec.mainPerson, weight: 0.1 });
    } else {
      maintainers = spec.mainPerson ? [spec.mainPerson] : [];
      const extraMaint = prng.sample(
        staff.filter((k) => !maintainers.includes(k)),
        spec.concentration === 'person' ? 1 : prng.int(1, 2)
      );
      if (maintainers.length === 0) maintainers.push(...extraMaint);
      else if (spec.concentration !== 'person') maintainers.push(extraMaint[0]);
      maintainers = maintainers.filter((m) => m !== undefined);
      if (maintainers.length === 0) maintainers = this.cleanStaff(devOrg, 1, prng).slice(0, 1);
      if (spec.concentration === 'person') {
        team = [{ person: maintainers[0], weight: 30 }];
      } else {
        team = maintainers.map((m, i) => ({ person: m, weight: i === 0 ? 5 : 3 }));
      }
      const others: string[] = [...(spec.extra ?? [])];
      // Outside help comes from independent developers and providers' staff; staff of other public
      // bodies contribute rarely, most often where their organisation uses the project (DESIGN §7:
      // that is reuse, the rest is Mitentwicklung), so most projects show no observed reuse.
      const free = (keys: string[]) => keys.filter((k) => !this.person(k).isBot && !maintainers.includes(k) && !others.includes(k));
      const outside = prng.fork('outside-help');
      const commissioned = outside.chance(0.3) ? this.staff(outside.pick(this.providers).id) : [];
      const helpers = free([...this.factory.b.volunteers, ...commissioned]);
      if (spec.concentration !== 'person') others.push(...prng.sample(helpers, prng.int(1, this.size === 'tiny' ? 3 : 4)));
      else others.push(...prng.sample(helpers, 1));
      const users = [...(spec.usedByCatalog ?? []), ...(spec.usedByPubliccode ?? [])].filter((o) => o !== spec.owner);
      const adopterStaff = free(
        (users.length > 0 ? users : this.adopters.map((o) => o.id)).filter((o) => o !== spec.owner).flatMap((o) => this.staff(o))
      );
      if (adopterStaff.length > 0 && outside.chance(users.length > 0 ? 0.5 : 0.06)) others.push(outside.pick(adopterStaff));
      for (const o of others)
        if (!team.some((t) => t.person === o))
          team.push({ person: o, weight: spec.concentration === 'person' ? 0.6 : prng.float(0.4, 1.5) });
      if (spec.concentration !== 'person')
        for (const s of prng.sample(
          staff.filter((k) => !team.some((t) => t.person === k)),
          1
        ))
          team.push({ person: s, weight: 1 });
    }
    const forgesUsed = new Set(spec.repos.map((r) => r.forge));
    for (const t of team) for (const f of forgesUsed) this.ensureAccount(t.person, f);
    // Persons working for the owner answer issues too when the project is developed elsewhere.
    const responders = [...maintainers];

    // Licence and publiccode.
    const ownerOrg = this.orgById.get(spec.owner)!;
    const licenceHistory: Spdx[] = spec.licenceChange ? [spec.licence, spec.licenceChange] : [spec.licence];
    const currentLicence = licenceHistory[licenceHistory.length - 1];
    const locPrimary = this.repoPath(primarySpec, spec.owner);
    const webUrl = (ref: string): string =>
      ref.startsWith('github:')
        ? `https://github.com/${ref.slice(7)}`
        : ref.startsWith('opencode:')
          ? `https://gitlab.opencode.de/${ref.slice(9)}`
          : ref.slice(4);
    const isBasedOnSpec = spec.isBasedOn ? SPECIAL_SPECS.find((s) => s.id === spec.isBasedOn) : undefined;
    const isBasedOnUrl = isBasedOnSpec ? webUrl(this.repoPath(isBasedOnSpec.repos[0], isBasedOnSpec.owner).ref) : null;
    const pcInput = (lic: Spdx) => ({
      status: spec.publiccode,
      name: spec.name,
      url: webUrl(locPrimary.ref),
      owner: ownerOrg.name,
      licence: lic,
      category: spec.category,
      usedBy: (spec.usedByPubliccode ?? []).map((o) => this.orgById.get(o)!.name),
      isBasedOn: isBasedOnUrl,
      contact: this.person(maintainers[0]).name,
      releaseDate: secToIso(this.nowSec - 40 * DAY).slice(0, 10),
      version: '2.3.1'
    });
    const publiccode: [string | null, string | null] = [
      publiccodeText(pcInput(licenceHistory[0])),
      publiccodeText(pcInput(currentLicence))
    ];

    // Mailmap (terminbuchung): the thinkpad address of Jürgen → his Ulm address.
    const mailmap: MailmapEntry[] = spec.mailmap
      ? [{ properName: 'Jürgen Müller', properEmail: 'juergen.mueller@ulm.de', commitName: 'jm', commitEmail: 'jm@jm-thinkpad.local' }]
      : [];
    const rootFiles: Record<string, string> = { 'README.md': readmeText(spec.name, ownerOrg.name), '.gitignore': GITIGNORE };
    if (spec.security) rootFiles['SECURITY.md'] = SECURITY_MD;
    if (spec.contributing) rootFiles['CONTRIBUTING.md'] = CONTRIBUTING_MD;
    // Own stream, so the other draws of the project stay as they were.
    const readiness = worldReadinessFiles(prng.fork('readiness-files'), primaryForge, spec.allReadinessFiles ?? false);
    Object.assign(rootFiles, readiness.files);
    this.readinessKeys.set(spec.id, readiness.keys);
    if (mailmap.length) rootFiles['.mailmap'] = mailmapText(mailmap);

    const base = (index + 1) * 1_000_000;
    const maker = new CommitMaker(this.ctx, base, 0);
    const cfg = this.sizeCfg;
    const itemRate = cfg.itemRate;

    if (spec.mirrorOf) {
      // A catalog project that is another organisation's mirror of an existing repository.
      const upstreamProject = this.projects.find((p) => p.id === spec.mirrorOf)!;
      const up = this.repoByRef.get(upstreamProject.repos[0])!;
      const r = this.newRepo(primarySpec, spec.owner, up.licenseSpdx, up.createdAt + 200 * DAY, `Spiegel von ${up.path}`);
      r.role = 'mirror';
      r.upstream = up.ref;
      r.order = up.order.slice();
      r.head = up.head;
      r.tags = up.tags.map((t) => ({ ...t }));
      r.mailmap = up.mailmap;
      this.addRepo(r);
      const proj = this.project(spec, index, [r.ref], [], maintainers, team, licenceHistory, spec.archetype);
      proj.publiccode = { ...upstreamProject.publiccode };
      proj.licence = { history: upstreamProject.licence.history.slice() };
      proj.hasSecurity = upstreamProject.hasSecurity;
      proj.hasContributing = upstreamProject.hasContributing;
      proj.readinessFiles = upstreamProject.readinessFiles;
      proj.nextLocal = 0;
      this.fixArchetype(proj);
      return;
    }

    const H = prng.int(cfg.historyDays[0], cfg.historyDays[1]);
    const attemptRefs = new Set<string>();
    for (let attempt = 0; attempt < 40; attempt++) {
      const rng = prng.fork(`attempt:${attempt}`);
      for (let i = 0; i < maker.local; i++) this.commits.delete(base + i);
      maker.local = 0;
      const r = rng.float(0.6, 1.6) * cfg.rate * (spec.concentration === 'person' ? 0.7 : 1);
      const phases: Phase[] = [];
      const fixed: FixedEvent[] = [];
      const fixedItems: FixedItem[] = [];
      let S = D - H;
      let activeEnd = D; // last day with human activity
      let itemEnd = D;
      let clip = this.nowSec - 60;
      let botEnd = D;
      const reporters = rng.sample(this.factory.b.reporters, rng.int(4, 10));
      const usedByStaff = [...(spec.usedByCatalog ?? []), ...(spec.usedByPubliccode ?? [])].flatMap((o) => this.staff(o).slice(0, 1));
      reporters.push(...usedByStaff);
      for (const p of reporters) this.ensureAccount(p, primaryForge);
      const dayTime = (d: number): number => d * DAY + rng.int(7 * 3600, 15 * 3600);
      switch (spec.archetype) {
        case 'aktiv':
          phases.push({ from: S + 1, to: D, rate: r, branchP: 0.15 });
          break;
        case 'neu':
          S = D - rng.int(45, 140);
          phases.push({ from: S + 1, to: D, rate: r * 1.6, branchP: 0.1 });
          break;
        case 'stabil': {
          S = D - Math.max(H, 900);
          phases.push({ from: S + 1, to: D - 730, rate: r, branchP: 0.12 });
          phases.push({ from: D - 729, to: D - 420, rate: 0.03, branchP: 0 });
          fixed.push({ t: dayTime(D - rng.int(280, 330)), n: 1, release: true });
          const kA = rng.int(9, 20);
          fixed.push({ t: dayTime(D - 7 * kA - 3), n: 2, release: true });
          const kB = rng.int(1, 8);
          const sB = D - 7 * kB - 6;
          const respond = rng.float(2, 30);
          fixedItems.push({
            kind: primarySpec.hasIssues === false ? 'pull' : 'issue',
            t: sB * DAY + rng.int(6 * 3600, 10 * 3600),
            author: rng.pick(reporters),
            respondAfterH: respond,
            closeAfterH: respond + rng.float(2, 40)
          });
          itemEnd = D - 200;
          clip = (D - 190) * DAY;
          botEnd = D - 420;
          break;
        }
        case 'abnehmend': {
          phases.push({ from: S + 1, to: D - 200, rate: Math.max(r, 0.25), branchP: 0.12 });
          const k = rng.int(2, 4);
          for (let i = 0; i < k; i++) fixed.push({ t: dayTime(D - rng.int(10, 170)), n: 1, release: false });
          break;
        }
        case 'ruhend': {
          const L = rng.int(215, 330);
          activeEnd = D - L;
          phases.push({ from: S + 1, to: activeEnd, rate: r, branchP: 0.12 });
          for (let i = 0; i < 2; i++)
            fixedItems.push({
              kind: primarySpec.hasIssues === false ? 'pull' : 'issue',
              t: dayTime(D - rng.int(5, 50)),
              author: rng.pick(reporters),
              respondAfterH: rng.chance(0.4) ? rng.float(5, 100) : null,
              closeAfterH: null
            });
          break;
        }
        case 'aufgegeben': {
          const L = rng.int(420, Math.max(430, Math.min(900, H - 150)));
          activeEnd = D - L;
          phases.push({ from: S + 1, to: activeEnd, rate: r, branchP: 0.1 });
          itemEnd = D - L + 20;
          clip = (D - 395) * DAY;
          botEnd = activeEnd;
          break;
        }
        case 'archiviert': {
          const L = rng.int(60, Math.min(700, H - 100));
          activeEnd = D - L;
          phases.push({ from: S + 1, to: activeEnd, rate: r, branchP: 0.1 });
          itemEnd = activeEnd;
          clip = (activeEnd + 30) * DAY;
          botEnd = activeEnd;
          break;
        }
      }
      const startT = S * DAY + rng.int(8 * 3600, 16 * 3600);
      const bots: BotStream[] = [];
      let releaseBot: number | null = null;
      for (const b of spec.bots ?? []) {
        const idOf = (key: string, email?: string): number => {
          const p = this.person(key);
          const i = email ? p.identities.find((x) => this.factory.b.identities[x.idx].email === email) : p.identities[0];
          return i!.idx;
        };
        if (b === 'dependabot' && primaryForge === 'github')
          bots.push({
            person: BOT.dependabot,
            identity: idOf(BOT.dependabot),
            every: 21,
            from: S + 60,
            to: botEnd,
            msg: () => `Bump ${rng.pick(['lodash', 'axios', 'express', 'vite'])} from 1.${rng.int(0, 9)}.0 to 1.${rng.int(10, 19)}.0`
          });
        if (b === 'renovate')
          bots.push({
            person: BOT.renovateGitlab,
            identity: idOf(BOT.renovateGitlab),
            every: 21,
            from: S + 60,
            to: botEnd,
            msg: () => 'chore(deps): update dependency leaflet to v1.9.4'
          });
        if (b === 'actions-data')
          bots.push({ person: BOT.actions, identity: idOf(BOT.actions), every: 7, from: S + 30, to: D, msg: () => 'Daten aktualisiert' });
        if (b === 'ulm-ci') releaseBot = idOf(BOT.ulmCi);
        if (b === 'jenkins') releaseBot = idOf(BOT.jenkins);
      }
      const plan: HistoryPlan = {
        startT,
        phases,
        fixed,
        bots,
        releaseEvery: spec.archetype === 'stabil' ? 12 : rng.int(6, 25),
        versionPrefix: rng.chance(0.8) ? 'v' : '',
        annotatedP: rng.float(0.2, 0.8),
        releaseBot,
        licence: spec.licence,
        licenceChange: spec.licenceChange ? { atFraction: rng.float(0.4, 0.8), to: spec.licenceChange } : null,
        holder: ownerOrg.name,
        forge: primaryForge,
        rootFiles,
        codeFile: codeFileFor(readiness.keys),
        changelogFile: readiness.keys.changelog,
        publiccode,
        team,
        maintainers,
        allowMailmapped: mailmap.length > 0,
        nonVersionTags: spec.nonVersionTags ?? false
      };
      const hist = buildHistory(maker, plan, rng);
      // Repositories.
      const repoRefs: string[] = [];
      const description = `${spec.name} – ${ownerOrg.name}`;
      for (const rs of spec.repos) {
        const loc = this.repoPath(rs, spec.owner);
        const existing = this.repoByRef.get(loc.ref);
        if (existing && !attemptRefs.has(loc.ref)) throw new Error(`world generator: repository ${loc.ref} of ${spec.id} exists already`);
        if (existing) {
          this.repos.splice(this.repos.indexOf(existing), 1);
          this.repoByRef.delete(loc.ref);
        }
        const created = rs.role === 'mirror' ? startT + rng.int(30, 300) * DAY : startT - rng.int(0, 5) * DAY;
        const repo = this.newRepo(
          rs,
          spec.owner,
          rs.forge === 'git' ? null : currentLicence,
          Math.min(created, this.nowSec - 3 * DAY),
          description
        );
        repo.topics = ['kommune', 'open-source', spec.category];
        repo.stars = rng.int(0, 120);
        if (!rs.empty) {
          repo.order = hist.order.slice();
          repo.head = hist.head;
          repo.tags = hist.tags.map((t) => ({ ...t }));
          repo.mailmap = mailmap;
          if (rs.role === 'primary') repo.branches = hist.branches.slice();
        } else {
          repo.description = `${spec.name}: Dokumentation (noch leer)`;
          repo.createdAt = this.nowSec - rng.int(20, 60) * DAY;
        }
        if (rs.role === 'mirror') repo.upstream = repoRefs[0] ?? null;
        this.addRepo(repo);
        attemptRefs.add(repo.ref);
        repoRefs.push(repo.ref);
      }
      const primary = this.repoByRef.get(repoRefs[0])!;
      // Issues, pull requests, releases (primary repository only; mirrors have trackers switched off).
      if (primary.forge !== 'git') {
        const im = new ItemMaker(this.factory.b.byKey, this.nowSec, primary.forge);
        const contributors = team.map((t) => t.person).filter((p) => !maintainers.includes(p));
        const spanFrom = S + 20;
        const spans = [
          {
            from: spanFrom,
            to: Math.min(itemEnd, D),
            issueRate: itemRate * rng.float(0.05, 0.25),
            prRate: itemRate * rng.float(0.03, 0.12)
          }
        ];
        if (spec.archetype === 'ruhend' || spec.archetype === 'abnehmend') spans[0].prRate *= 0.5;
        const botPRs =
          (spec.bots ?? []).includes('dependabot') && primary.forge === 'github'
            ? { person: BOT.dependabot, every: 14, from: S + 60, to: Math.min(botEnd, itemEnd) }
            : (spec.bots ?? []).includes('renovate') && primary.forge === 'gitlab'
              ? { person: BOT.renovateGitlab, every: 14, from: S + 60, to: Math.min(botEnd, itemEnd) }
              : null;
        const itemPlan: ItemPlan = {
          forge: primary.forge,
          spans,
          clip,
          hasIssues: primary.hasIssues,
          answerP: spec.archetype === 'stabil' ? 1 : spec.archetype === 'ruhend' ? 0.45 : rng.float(0.55, 0.85),
          authorOnlyP: spec.archetype === 'stabil' ? 0 : 0.08,
          medianResponseH: spec.archetype === 'stabil' ? 8 : rng.float(3, 80),
          maintainers: responders,
          contributors,
          reporters,
          botPRs,
          fixed: fixedItems,
          ciCommenter: primary.forge === 'github' ? (rng.chance(0.5) ? BOT.codecov : null) : spec.owner === 'ulm' ? BOT.ulmCi : null
        };
        for (const m of responders) this.ensureAccount(m, primary.forge);
        primary.items = buildItems(im, itemPlan, rng);
        if (spec.forgeReleases) {
          const releaseAuthors = primary.forge === 'github' && rng.chance(0.3) ? [BOT.actions] : maintainers;
          primary.releases = buildReleases(im, primary.tags, (t) => t.at, releaseAuthors, rng, clip);
        }
      }
      const proj = this.project(spec, index, repoRefs, [], maintainers, team, licenceHistory, spec.archetype);
      proj.nextLocal = maker.local;
      // Check the archetype under every reading of the lifecycle rule.
      const ok = this.checkProject(proj, spec);
      if (ok || attempt === 39) {
        if (!ok) throw new Error(`world generator: project ${spec.id} does not reach archetype ${spec.archetype} (${this.describe(proj)})`);
        this.projects.pop();
        this.projects.push(proj);
        // Forks.
        for (const fs of spec.forks ?? []) {
          const upRef = repoRefs[fs.of ?? 0];
          const up = this.repoByRef.get(upRef)!;
          const forkOrg = this.orgById.get(fs.org)!;
          const forkTeam = this.staff(fs.org)
            .filter((k) => !this.person(k).isBot)
            .slice(0, 3);
          for (const k of forkTeam) this.ensureAccount(k, up.forge);
          // Fork point: a first-parent mainline commit old enough for the own commits to fit.
          const minAge = (fs.own > 20 ? 250 : 60) + rng.int(0, 60);
          let fp = up.head!;
          while (this.commits.get(fp)!.parents.length && this.commits.get(fp)!.at > (D - minAge) * DAY)
            fp = this.commits.get(fp)!.parents[0];
          const forkDay = Math.floor(this.commits.get(fp)!.at / DAY) + 1;
          const f = buildFork(maker, up.order, fp, fs.own, forkTeam, forkDay + 1, D - 1, up.forge as 'github' | 'gitlab', rng);
          const rs: RepoSpec = {
            forge: up.forge as 'github' | 'gitlab',
            org: fs.org,
            name: up.path.split('/').pop()!,
            role: 'primary',
            hasIssues: false
          };
          const taken = (x: RepoSpec): boolean =>
            this.repoByRef.has(this.repoPath(x, fs.org).ref) || this.plannedRefs.has(this.repoPath(x, fs.org).ref);
          if (taken(rs)) rs.name = `${rs.name}-${up.path.split('/')[0]}`;
          for (let k = 2; taken(rs); k++) rs.name = `${up.path.split('/').pop()!}-fork-${k}`;
          // The fork carries the upstream's files as of the fork point: its licence history ends
          // there (a later licence change upstream is not in the fork).
          const beforeLicenceChange = spec.licenceChange !== undefined && this.commits.get(fp)!.at < (hist.licenceChangedAt ?? 0);
          const forkLicences: Spdx[] = beforeLicenceChange ? [spec.licence] : licenceHistory;
          const fr = this.newRepo(
            rs,
            fs.org,
            beforeLicenceChange ? spec.licence : up.licenseSpdx,
            forkDay * DAY + 3600,
            `Fork von ${up.path} (${forkOrg.name})`
          );
          fr.role = 'fork';
          fr.upstream = up.ref;
          fr.order = f.order;
          fr.head = f.head;
          fr.mailmap = up.mailmap; // the .mailmap is part of the root commit
          this.addRepo(fr);
          proj.forks.push(fr.ref);
          if (fs.catalogId) {
            const fp2: GProject = this.project(
              {
                ...spec,
                id: fs.catalogId,
                name: `${spec.name} (${forkOrg.name})`,
                owner: fs.org,
                catalog: true,
                discoveredFrom: undefined,
                usedByCatalog: [],
                usedByPubliccode: [],
                isBasedOn: undefined,
                forks: []
              },
              index,
              [fr.ref],
              [],
              forkTeam,
              forkTeam.map((k) => ({ person: k, weight: 1 })),
              forkLicences,
              'aktiv'
            );
            // The upstream's publiccode.yml is in the fork (only its licence line changes upstream,
            // and the fork's licence is forkLicences).
            fp2.publiccode = { ...proj.publiccode };
            this.fixArchetype(fp2);
            // Its own commits came from the upstream's maker: it shares that id space.
            fp2.nextLocal = maker.local;
          }
        }
        proj.nextLocal = maker.local;
        return;
      }
      this.projects.pop();
    }
  }

  project(
    spec: ProjectSpec,
    index: number,
    repos: string[],
    forks: string[],
    maintainers: string[],
    team: { person: string; weight: number }[],
    licence: Spdx[],
    archetype: Archetype
  ): GProject {
    const version =
      spec.publiccode === 'valid'
        ? '0.4'
        : spec.publiccode === 'outdated'
          ? '0.2'
          : spec.publiccode === 'missing'
            ? null
            : spec.publiccode === 'alias-bomb'
              ? '0.4'
              : spec.publiccode === 'invalid-yaml'
                ? null
                : '0.4';
    const p: GProject = {
      id: spec.id,
      name: spec.name,
      owner: spec.owner,
      archetype,
      catalog: spec.catalog,
      discoveredFrom: spec.discoveredFrom ?? null,
      concentration: spec.concentration ?? null,
      repos,
      forks,
      usedByCatalog: spec.usedByCatalog ?? [],
      publiccode: {
        status: spec.publiccode,
        version,
        usedBy: spec.publiccode === 'valid' ? (spec.usedByPubliccode ?? []) : [],
        isBasedOn: spec.publiccode === 'valid' ? (spec.isBasedOn ?? null) : null
      },
      licence: { history: licence },
      hasSecurity: spec.security ?? false,
      hasContributing: spec.contributing ?? false,
      readinessFiles: this.readinessKeys.get(spec.id) ?? {},
      nextLocal: 0,
      index,
      maintainers,
      team,
      files: []
    };
    this.projects.push(p);
    return p;
  }

  /** Projects whose archetype follows from others (mirrors, listed forks): take what the rule says. */
  fixArchetype(p: GProject): void {
    this.truthCalc.refreshPeople();
    const r = this.truthCalc.lifecycleReadings(p);
    const s = r.reference;
    p.archetype = s === null ? 'aktiv' : r.isNew.has(true) && s === 'aktiv' ? 'neu' : s;
  }

  checkProject(p: GProject, spec: ProjectSpec): boolean {
    this.truthCalc.refreshPeople();
    const r = this.truthCalc.lifecycleReadings(p);
    if (spec.repos[0].private) return true;
    if (r.states.size !== 1 || r.isNew.size !== 1) return false;
    const expected: LifecycleState = spec.archetype === 'neu' ? 'aktiv' : spec.archetype;
    if (r.reference !== expected) return false;
    if (r.isNew.has(true) !== (spec.archetype === 'neu')) return false;
    if (spec.concentration) {
      const t = this.truthCalc.projectTruth(p);
      if (spec.concentration === 'person' && !((t.window.topPersonShare ?? 0) > 0.82)) return false;
      if (spec.concentration === 'organisation' && !((t.window.topOrganisationShare ?? 0) > 0.92)) return false;
    } else if (spec.archetype === 'aktiv' || spec.archetype === 'neu') {
      const t = this.truthCalc.projectTruth(p);
      if ((t.window.topPersonShare ?? 1) > 0.78) return false;
    }
    return true;
  }

  describe(p: GProject): string {
    const r = this.truthCalc.lifecycleReadings(p);
    const t = this.truthCalc.projectTruth(p);
    return `states ${[...r.states].join('/')}, isNew ${[...r.isNew].join('/')}, top person ${t.window.topPersonShare}, top org ${t.window.topOrganisationShare}`;
  }
}

// ------------------------------------------------------------------------------------------------
/** Forge ids (repositories, items, comments, reviews, releases) in a deterministic order. */
export function assignIds(state: WorldState): void {
  const c = state.counters;
  const next = (k: string, start: number): number => {
    if (c[k] === undefined) c[k] = start;
    return c[k]++;
  };
  for (const repo of state.repos) {
    if (repo.forge === 'git') continue;
    const gh = repo.forge === 'github';
    if (!repo.forgeId) repo.forgeId = gh ? next('gh.repo', 400_000_001) : next('gl.repo', 1_001);
    numberItems(repo.forge, repo.items);
    for (const it of repo.items) {
      if (!it.id) it.id = gh ? next('gh.item', 1_500_000_001) : it.kind === 'issue' ? next('gl.issue', 10_001) : next('gl.mr', 50_001);
      for (const cm of it.comments) if (!cm.id) cm.id = gh ? next('gh.comment', 2_000_000_001) : next('gl.note', 1_000_001);
      for (const rc of it.reviewComments) if (!rc.id) rc.id = next('gh.reviewComment', 2_500_000_001);
      for (const rv of it.reviews) if (!rv.id) rv.id = next('gh.review', 3_000_000_001);
    }
    for (const rel of repo.releases) if (!rel.id) rel.id = gh ? next('gh.release', 100_000_001) : next('gl.release', 5_001);
  }
}

function numberItems(forge: 'github' | 'gitlab', items: WorldItem[]): void {
  let maxShared = 0;
  let maxIssue = 0;
  let maxPull = 0;
  for (const it of items) {
    if (!it.number) continue;
    maxShared = Math.max(maxShared, it.number);
    if (it.kind === 'issue') maxIssue = Math.max(maxIssue, it.number);
    else maxPull = Math.max(maxPull, it.number);
  }
  for (const it of items) {
    if (it.number) continue;
    if (forge === 'github') it.number = ++maxShared;
    else it.number = it.kind === 'issue' ? ++maxIssue : ++maxPull;
  }
}

/** Build the World (forges, people, catalog) from the state. */
export function assembleWorld(state: WorldState, seed: string, size: WorldSize, dir: string): World {
  const orgs = ORGS.filter((o) => tierIncluded(o.tier, size));
  const created = (key: string): string => secToIso(isoToSec('2012-01-01T00:00:00Z') + (hashKey(key) % 2500) * DAY);
  const ghAccounts: WorldAccount[] = [];
  const glAccounts: WorldAccount[] = [];
  let ghOrgId = 9_000_001;
  let glGroupId = 101;
  for (const o of orgs) {
    if (o.github)
      ghAccounts.push({ forge: 'github', id: ghOrgId++, login: o.github, type: 'Organization', name: o.name, createdAt: created(o.id) });
    if (o.gitlab) {
      glAccounts.push({ forge: 'gitlab', id: glGroupId++, login: o.gitlab, type: 'Group', name: o.name, createdAt: created(o.id) });
      for (const sub of o.subgroups ?? []) {
        const parts = sub.split('/');
        const parent = [o.gitlab, ...parts.slice(0, -1)].join('/');
        glAccounts.push({
          forge: 'gitlab',
          id: glGroupId++,
          login: `${o.gitlab}/${sub}`,
          type: 'Group',
          name: parts[parts.length - 1],
          parentPath: parent,
          createdAt: created(`${o.id}/${sub}`)
        });
      }
    }
  }
  for (const p of state.persons) {
    const type = p.isBot ? 'Bot' : 'User';
    if (p.github)
      ghAccounts.push({
        forge: 'github',
        id: p.github.id,
        login: p.github.login,
        type,
        name: p.role === 'reporter' && hashKey(p.key) % 3 === 0 ? null : p.name,
        createdAt: created(p.key)
      });
    if (p.gitlab)
      glAccounts.push({ forge: 'gitlab', id: p.gitlab.id, login: p.gitlab.login, type, name: p.name, createdAt: created(p.key) });
  }
  const forgeRepo = (r: GRepo): WorldRepository => {
    let pushed = r.createdAt;
    for (const id of r.order) pushed = Math.max(pushed, state.commits.get(id)!.ct);
    for (const t of r.tags) pushed = Math.max(pushed, t.at);
    return {
      forge: r.forge as 'github' | 'gitlab',
      id: r.forgeId,
      path: r.path,
      previousPaths: r.previousPaths,
      description: r.description,
      defaultBranch: r.defaultBranch,
      archived: r.archived,
      visibility: r.visibility,
      licenseSpdx: r.licenseSpdx,
      topics: r.topics,
      hasIssues: r.hasIssues,
      createdAt: secToIso(r.createdAt),
      pushedAt: secToIso(Math.min(pushed, state.now)),
      forkOf: r.role === 'fork' && r.upstream ? r.upstream.slice(r.upstream.indexOf(':') + 1) : null,
      gitDir: r.gitDir,
      items: r.items,
      releases: r.releases,
      stars: r.stars,
      ...(protectionOf(r) ? { protection: protectionOf(r) } : {})
    };
  };
  const github: WorldForge = {
    kind: 'github',
    accounts: ghAccounts,
    repositories: state.repos.filter((r) => r.forge === 'github').map(forgeRepo),
    tokens: ['world-token-github-1', 'world-token-github-2']
  };
  const gitlab: WorldForge = {
    kind: 'gitlab',
    accounts: glAccounts,
    repositories: state.repos.filter((r) => r.forge === 'gitlab').map(forgeRepo),
    tokens: ['world-token-opencode-1']
  };
  const people: WorldPerson[] = state.persons.map((p) => ({ key: p.key, name: p.name, isBot: p.isBot, employment: p.employment }));
  return { seed, size, now: secToIso(state.now), dir, github, gitlab, people, catalog: buildCatalog(state, orgs) };
}

function hashKey(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function buildCatalog(state: WorldState, orgs: OrgDef[]): Record<string, unknown> {
  const organisations = orgs.map((o) => {
    const e: Record<string, unknown> = { id: o.id, name: o.name, kind: o.kind };
    if (o.region) e.region = o.region;
    if (o.ags) e.ags = o.ags;
    e.domains = o.domains;
    e.accounts = [...(o.github ? [`github:${o.github}`] : []), ...(o.gitlab ? [`opencode:${o.gitlab}`] : [])];
    return e;
  });
  const repoByRef = new Map(state.repos.map((r) => [r.ref, r]));
  const projects = state.projects
    .filter((p) => p.catalog)
    .map((p) => {
      const e: Record<string, unknown> = {
        id: p.id,
        name: p.name,
        owner: p.owner,
        repositories: p.repos.map((r) => repoByRef.get(r)!.catalogRef)
      };
      if (p.usedByCatalog.length) e.usedBy = p.usedByCatalog;
      return e;
    });
  const discover = [...new Set(state.projects.filter((p) => p.discoveredFrom).map((p) => p.discoveredFrom!))];
  return {
    organisations,
    projects,
    discover,
    people: {
      aliases: [['k.schmidt@dortmund.de', 'katharina.yilmaz@dortmund.de']],
      bots: ['jenkins@dataport.de'],
      // Her GitHub login "liekebot" reads as a glued bot name (DESIGN §5): the catalog says she is not one.
      notBots: ['Lieke Bot', 'github:liekebot']
    },
    personalEmailDomains: PERSONAL_EMAIL_DOMAINS,
    privacy: { showNames: false }
  };
}

// ------------------------------------------------------------------------------------------------
export function computeTruth(state: WorldState, seed: string, size: WorldSize): WorldTruth {
  const orgs = ORGS.filter((o) => tierIncluded(o.tier, size));
  const calc = new TruthCalculator({
    seed,
    size,
    now: state.now,
    identities: state.identities,
    persons: state.persons,
    commits: state.commits,
    repos: state.repos,
    projects: state.projects,
    orgs,
    personalDomains: PERSONAL_EMAIL_DOMAINS
  });
  const truths = new Map(state.projects.map((p) => [p.id, calc.projectTruth(p)]));
  const { reuse, codevelopment } = calc.organisationEvidence(state.projects, truths);
  for (const r of reuse) truths.get(r.project)!.reuse.push(r);
  for (const r of codevelopment) truths.get(r.project)!.codevelopment.push(r);
  const kindOf = new Map(orgs.map((o) => [o.id, o.kind as string]));
  for (const t of truths.values()) {
    const observed = t.reuse.filter((r) => r.kind !== 'declared' && PUBLIC_BODY_KINDS.includes(kindOf.get(r.organisation) ?? ''));
    withPublicReuse(t.readiness, new Set(observed.map((r) => r.organisation)).size);
  }
  const identitiesOf = new Map<string, { name: string; email: string }[]>();
  for (const i of state.identities) {
    const l = identitiesOf.get(i.person) ?? [];
    l.push({ name: i.name, email: i.email });
    identitiesOf.set(i.person, l);
  }
  let items = 0;
  for (const r of state.repos) items += r.items.length;
  return {
    version: 1,
    seed,
    size,
    now: secToIso(state.now),
    asOf: secToIso(state.now).slice(0, 10),
    windows: { peopleDays: 365, responseDays: 90, activityDays: 180, weeks: 26 },
    projects: [...truths.values()],
    reuse,
    codevelopment,
    organisations: orgs.map((o) => ({
      id: o.id,
      kind: o.kind,
      projects: state.projects.filter((p) => p.owner === o.id).map((p) => p.id),
      reuses: [...new Set(reuse.filter((r) => r.organisation === o.id).map((r) => r.project))].sort()
    })),
    persons: state.persons.map((p) => ({
      key: p.key,
      name: p.name,
      isBot: p.isBot,
      identities: identitiesOf.get(p.key) ?? [],
      github: p.github?.login ?? null,
      gitlab: p.gitlab?.login ?? null
    })),
    counts: {
      organisations: orgs.length,
      projects: state.projects.length,
      catalogProjects: state.projects.filter((p) => p.catalog).length,
      repositories: state.repos.length,
      commits: state.commits.size,
      items
    }
  };
}

/** Write every repository that is new (whole history) with one fast-import per repository. */
export async function writeAllRepositories(state: WorldState, dir: string, repos: GRepo[]): Promise<void> {
  const limit = Math.max(4, Math.min(12, cpus().length * 4)); // fast-import here is mostly waiting on I/O
  await pool(repos, limit, async (repo) => {
    const marks = await writeRepository(
      dir,
      { repo, commitIds: repo.order, tags: repo.tags, commits: state.commits, identities: state.identities, branches: repo.branches },
      true
    );
    fillShas(state, repo, marks);
  });
}

export function fillShas(state: WorldState, repo: GRepo, marks: Map<number, string>): void {
  repo.headSha = repo.head === null ? null : (marks.get(repo.head) ?? null);
  repo.rootShas = repo.order.filter((id) => state.commits.get(id)!.parents.length === 0).map((id) => marks.get(id)!);
}

export async function saveWorld(state: WorldState, world: World, truth: WorldTruth): Promise<void> {
  const dir = world.dir;
  const { commits, ...rest } = state;
  await writeFile(join(dir, 'state.json'), JSON.stringify({ ...rest, commits: [...commits.values()] }));
  await writeFile(join(dir, 'world.json'), JSON.stringify(world));
  await writeFile(join(dir, 'truth.json'), JSON.stringify(truth, null, 1));
}

/** Load a world written earlier (world.json, state.json, truth.json) from its directory. */
export async function loadWorld(dir: string): Promise<World> {
  const world = JSON.parse(await readFile(join(dir, 'world.json'), 'utf8')) as World;
  const raw = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as Omit<WorldState, 'commits'> & { commits: GCommit[] };
  const state: WorldState = { ...raw, commits: new Map(raw.commits.map((c) => [c.id, c])) };
  // The forge items and releases are shared objects between state and world.
  linkItems(state, world);
  const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as WorldTruth;
  rememberWorld(world, state, truth);
  return world;
}

export function linkItems(state: WorldState, world: World): void {
  const byKey = new Map<string, WorldRepository>();
  for (const r of world.github.repositories) byKey.set(`github:${r.path}`, r);
  for (const r of world.gitlab.repositories) byKey.set(`opencode:${r.path}`, r);
  for (const repo of state.repos) {
    const w = byKey.get(repo.ref);
    if (!w) continue;
    repo.items = w.items;
    repo.releases = w.releases;
  }
}

export async function generateWorld(opts: GenerateOptions): Promise<World> {
  const dir = resolve(opts.dir);
  const now = opts.now ?? DEFAULT_NOW;
  for (const sub of ['github', 'gitlab', 'git', '.home']) rmSync(join(dir, sub), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const b = new Builder(opts.seed, opts.size, dir, now);
  const specs = [...SPECIAL_SPECS.filter((s) => tierIncluded(s.tier, opts.size)), ...b.fillerSpecs()];
  const t0 = Date.now();
  for (const spec of specs) for (const rs of spec.repos) b.plannedRefs.add(b.repoPath(rs, spec.owner).ref);
  specs.forEach((spec, i) => b.buildProject(spec, i));
  const t1 = Date.now();
  const state: WorldState = {
    version: 1,
    now: b.nowSec,
    identities: b.factory.b.identities,
    persons: b.factory.b.persons,
    projects: b.projects,
    repos: b.repos,
    commits: b.commits,
    counters: {},
    advanceCount: 0
  };
  assignIds(state);
  await writeAllRepositories(state, dir, state.repos);
  const t2 = Date.now();
  const world = assembleWorld(state, opts.seed, opts.size, dir);
  const truth = computeTruth(state, opts.seed, opts.size);
  const t3 = Date.now();
  await saveWorld(state, world, truth);
  if (process.env.WORLD_TIMING)
    console.error(`world ${opts.size}: build ${t1 - t0} ms, git ${t2 - t1} ms, truth ${t3 - t2} ms, save ${Date.now() - t3} ms`);
  rememberWorld(world, state, truth);
  return world;
}

export type { WorldTruth } from './truth';
export { readTruth } from './truth';
