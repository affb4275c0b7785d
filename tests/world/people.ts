/**
 * Persons of the world with their messy git identities (DESIGN §5) and forge accounts.
 *
 * Every person is resolvable by the rules of DESIGN §5 (plus the catalog's people rules): names are
 * unique after normalisation, and every identity of a person is linked to another one of the same
 * person by an equal email, a noreply login, or an equal normalised name of at least two words.
 */
import { FIRST_NAMES, LAST_NAMES, PERSONAL_DOMAINS, type OrgDef } from './data';
import type { GPerson, Identity } from './internal';
import type { Rng } from './prng';
import { normaliseName } from '../../src/lib/identity/names';

export const DAY = 86_400;

export function isoToSec(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

export function secToIso(sec: number): string {
  return new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Lowercase ASCII transliteration for logins and email local parts. */
export function translit(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

/** DESIGN §5 name normalisation (the identity rules' own): here it keeps person names distinct. */
export { normaliseName };

export interface PeopleBuild {
  persons: GPerson[];
  identities: Identity[];
  byKey: Map<string, GPerson>;
  /** Developers (person keys) per organisation, current and former staff. */
  staff: Map<string, string[]>;
  /** Persons without an organisation (volunteers with personal emails). */
  volunteers: string[];
  /** Issue reporters without commits. */
  reporters: string[];
  counters: { githubUser: number; gitlabUser: number };
}

const FAR_PAST = 0;
const FAR_FUTURE = 4_102_444_800; // 2100-01-01

export const BOT = {
  dependabot: 'bot:dependabot',
  renovate: 'bot:renovate',
  renovateGitlab: 'bot:renovate-gitlab',
  actions: 'bot:github-actions',
  ulmCi: 'bot:ulm-ci',
  jenkins: 'bot:jenkins',
  codecov: 'bot:codecov'
} as const;

export const SPECIAL = {
  juergen: 'p:juergen-mueller',
  katharina: 'p:katharina-yilmaz',
  lieke: 'p:lieke-bot',
  tim: 'p:tim-brandt'
} as const;

export class PeopleFactory {
  readonly b: PeopleBuild;
  private usedNames = new Set<string>();
  private usedEmails = new Set<string>();
  private usedLogins = new Set<string>();

  constructor() {
    this.b = {
      persons: [],
      identities: [],
      byKey: new Map(),
      staff: new Map(),
      volunteers: [],
      reporters: [],
      counters: { githubUser: 1_000_001, gitlabUser: 2_001 }
    };
  }

  reserveName(name: string): void {
    this.usedNames.add(normaliseName(name));
  }

  /** An email nobody else uses (DESIGN §5 rule 1 would merge two persons sharing one). */
  freshEmail(candidates: string[]): string {
    for (const c of candidates) if (!this.usedEmails.has(c.toLowerCase())) return c;
    const [local, domain] = candidates[0].split('@');
    for (let i = 2; ; i++) {
      const c = `${local}${i}@${domain}`;
      if (!this.usedEmails.has(c.toLowerCase())) return c;
    }
  }

  identity(person: string, name: string, email: string): number {
    this.usedEmails.add(email.trim().toLowerCase());
    const idx = this.b.identities.length;
    this.b.identities.push({ idx, name, email, person });
    return idx;
  }

  person(key: string, name: string, role: GPerson['role'], isBot = false): GPerson {
    const p: GPerson = { key, name, isBot, employment: [], identities: [], github: null, gitlab: null, role };
    if (this.b.byKey.has(key)) throw new Error(`duplicate person ${key}`);
    this.b.persons.push(p);
    this.b.byKey.set(key, p);
    if (!isBot) this.usedNames.add(normaliseName(name));
    return p;
  }

  login(base: string): string {
    let l = base;
    let i = 2;
    while (this.usedLogins.has(l)) l = `${base}${i++}`;
    this.usedLogins.add(l);
    return l;
  }

  githubAccount(p: GPerson, login: string, id?: number): void {
    this.usedLogins.add(login);
    p.github = { login, id: id ?? this.b.counters.githubUser++ };
  }

  gitlabAccount(p: GPerson, login: string, id?: number): void {
    this.usedLogins.add(login);
    p.gitlab = { login, id: id ?? this.b.counters.gitlabUser++ };
  }

  addIdentity(
    p: GPerson,
    kind: GPerson['identities'][number]['kind'],
    name: string,
    email: string,
    opts: { org?: string | null; from?: number; to?: number; weight?: number } = {}
  ): number {
    const idx = this.identity(p.key, name, email);
    p.identities.push({
      idx,
      kind,
      org: opts.org ?? null,
      from: opts.from ?? FAR_PAST,
      to: opts.to ?? FAR_FUTURE,
      weight: opts.weight ?? 1
    });
    return idx;
  }

  addStaff(org: string, key: string): void {
    const list = this.b.staff.get(org) ?? [];
    if (!list.includes(key)) list.push(key);
    this.b.staff.set(org, list);
  }

  freshName(rng: Rng): string {
    for (let i = 0; i < 1000; i++) {
      const n = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      if (!this.usedNames.has(normaliseName(n))) return n;
    }
    for (let i = 2; ; i++) {
      const n = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}-${rng.pick(LAST_NAMES)}`;
      if (!this.usedNames.has(normaliseName(n))) return n;
      if (i > 10_000) throw new Error('out of names');
    }
  }
}

/** Build bots, the hand-made messy persons and the staff of every organisation. */
export function buildPeople(rng: Rng, orgs: OrgDef[], size: 'tiny' | 'demo' | 'bench', nowSec: number): PeopleFactory {
  const f = new PeopleFactory();
  const orgById = new Map(orgs.map((o) => [o.id, o]));

  // --- bots ---------------------------------------------------------------------------------------
  const dependabot = f.person(BOT.dependabot, 'dependabot[bot]', 'bot', true);
  f.addIdentity(dependabot, 'bot', 'dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com');
  f.githubAccount(dependabot, 'dependabot[bot]', 49699333);
  const renovate = f.person(BOT.renovate, 'renovate[bot]', 'bot', true);
  f.addIdentity(renovate, 'bot', 'renovate[bot]', '29139614+renovate[bot]@users.noreply.github.com');
  f.githubAccount(renovate, 'renovate[bot]', 29139614);
  // On OpenCoDE Renovate runs as a bot user of its own: another bot identity (§5 does not merge them).
  const renovateGl = f.person(BOT.renovateGitlab, 'Renovate Bot', 'bot', true);
  f.addIdentity(renovateGl, 'bot', 'Renovate Bot', 'bot@renovateapp.com');
  f.gitlabAccount(renovateGl, 'renovate-bot');
  const actions = f.person(BOT.actions, 'github-actions[bot]', 'bot', true);
  f.addIdentity(actions, 'bot', 'github-actions[bot]', '41898282+github-actions[bot]@users.noreply.github.com');
  f.githubAccount(actions, 'github-actions[bot]', 41898282);
  const codecov = f.person(BOT.codecov, 'codecov[bot]', 'bot', true);
  f.githubAccount(codecov, 'codecov[bot]', 22429695);
  const ulmCi = f.person(BOT.ulmCi, 'Stadt Ulm CI Bot', 'bot', true);
  f.addIdentity(ulmCi, 'bot', 'Stadt Ulm CI Bot', 'ci-bot@ulm.de');
  f.gitlabAccount(ulmCi, 'ulm-ci-bot');
  // Not recognisable by name or address: the catalog lists it under people.bots.
  const jenkins = f.person(BOT.jenkins, 'Jenkins', 'bot', true);
  f.addIdentity(jenkins, 'bot', 'Jenkins', 'jenkins@dataport.de');

  const switchDate = isoToSec('2025-03-01T00:00:00Z');
  // --- Jürgen Müller: Ulm, then Dataport; every kind of mess --------------------------------------
  const jm = f.person(SPECIAL.juergen, 'Jürgen Müller', 'developer');
  jm.employment = [
    { org: 'ulm', from: '2017-04-01' },
    { org: 'dataport', from: '2025-03-01' }
  ];
  f.githubAccount(jm, 'jmueller-ulm', 4_711_001);
  f.gitlabAccount(jm, 'jmueller');
  f.addIdentity(jm, 'work', 'Jürgen Müller', 'juergen.mueller@ulm.de', { org: 'ulm', to: switchDate, weight: 6 });
  f.addIdentity(jm, 'variant', 'Ju\u0308rgen Mu\u0308ller', 'juergen.mueller@ulm.de', { org: 'ulm', to: switchDate, weight: 1.5 });
  f.addIdentity(jm, 'variant', 'Jürgen Müller', 'Juergen.Mueller@ulm.de', { org: 'ulm', to: switchDate, weight: 0.5 });
  f.addIdentity(jm, 'work', 'Jürgen Müller', 'juergen.mueller@dataport.de', { org: 'dataport', from: switchDate, weight: 6 });
  f.addIdentity(jm, 'personal', 'juergen.mueller', 'jm1975@web.de', { weight: 1 });
  f.addIdentity(jm, 'personal', 'Jürgen Müller', 'jm1975@web.de', { weight: 0.5 });
  f.addIdentity(jm, 'noreply', 'Jürgen Müller', '4711001+jmueller-ulm@users.noreply.github.com', { weight: 1 });
  f.addIdentity(jm, 'noreply', 'jmueller-ulm', 'jmueller-ulm@users.noreply.github.com', { weight: 0.5 });
  f.addIdentity(jm, 'generic', 'Jürgen Müller', 'root@localhost', { weight: 0.3 });
  // Mapped by the .mailmap of terminbuchung to his Ulm address (only used while at Ulm).
  f.addIdentity(jm, 'generic', 'jm', 'jm@jm-thinkpad.local', { org: 'ulm', to: switchDate, weight: 0.6 });
  f.addStaff('ulm', jm.key);
  f.addStaff('dataport', jm.key);

  // --- Katharina: name change, linked only by the catalog alias ------------------------------------
  const ky = f.person(SPECIAL.katharina, 'Katharina Yilmaz', 'developer');
  const kSwitch = isoToSec('2024-05-15T00:00:00Z');
  ky.employment = [{ org: 'dortmund', from: '2019-09-01' }];
  f.addIdentity(ky, 'work', 'Katharina Schmidt', 'k.schmidt@dortmund.de', { org: 'dortmund', to: kSwitch, weight: 1 });
  f.addIdentity(ky, 'work', 'Katharina Yilmaz', 'katharina.yilmaz@dortmund.de', { org: 'dortmund', from: kSwitch, weight: 1 });
  f.githubAccount(ky, 'kyilmaz-do');
  f.addStaff('dortmund', ky.key);
  f.reserveName('Katharina Schmidt');

  // --- Lieke Bot: a human whose surname looks like a bot (catalog notBots) ---------------------------
  const lb = f.person(SPECIAL.lieke, 'Lieke Bot', 'developer');
  f.addIdentity(lb, 'personal', 'Lieke Bot', 'lieke.bot@posteo.de');
  f.githubAccount(lb, 'liekebot');
  f.b.volunteers.push(lb.key);
  f.addStaff('oklab-ulm', lb.key);

  // --- Tim Brandt: OK Lab volunteer, only GitHub noreply addresses --------------------------------
  const tb = f.person(SPECIAL.tim, 'Tim Brandt', 'developer');
  f.githubAccount(tb, 'tbrandt', 8_123_456);
  f.addIdentity(tb, 'noreply', 'Tim Brandt', '8123456+tbrandt@users.noreply.github.com', { weight: 4 });
  f.addIdentity(tb, 'noreply', 'tbrandt', 'tbrandt@users.noreply.github.com', { weight: 1 });
  f.addIdentity(tb, 'personal', 'Tim Brandt', 'tim.brandt@gmx.de', { weight: 1 });
  f.b.volunteers.push(tb.key);
  f.addStaff('oklab-ulm', tb.key);

  // --- staff of every organisation -------------------------------------------------------------------
  const perOrg = size === 'tiny' ? [3, 4] : size === 'demo' ? [3, 7] : [5, 14];
  const orgIds = orgs.map((o) => o.id);
  for (const org of orgs) {
    const r = rng.fork(`staff:${org.id}`);
    const n = r.int(perOrg[0], perOrg[1]);
    for (let i = 0; i < n; i++) {
      const name = f.freshName(r);
      const [first, ...rest] = name.split(' ');
      const last = rest.join(' ');
      const key = `p:${translit(name).replace(/\./g, '-')}`;
      const p = f.person(key, name, 'developer');
      const domain = org.domains[0];
      const localStyle = r.int(0, 2);
      const local =
        localStyle === 0
          ? `${translit(first)}.${translit(last)}`
          : localStyle === 1
            ? `${translit(first)[0]}.${translit(last)}`
            : `${translit(last)}`;
      const started = isoToSec(`${r.int(2012, 2021)}-${String(r.int(1, 12)).padStart(2, '0')}-01T00:00:00Z`);
      let to = FAR_FUTURE;
      p.employment.push({ org: org.id, from: secToIso(started).slice(0, 10) });
      // Some change employer within the last three years, mostly between providers or between public
      // bodies; their later commits count for the new employer (reuse or Mitentwicklung, DESIGN §7).
      const provider = (id: string) => ['company', 'it-service-provider'].includes(orgById.get(id)!.kind);
      const sameClass = orgIds.filter((o) => o !== org.id && provider(o) === provider(org.id));
      if (r.chance(0.12) && sameClass.length > 0 && r.chance(0.5)) {
        const other = orgById.get(r.pick(sameClass))!;
        to = nowSec - r.int(60, 1000) * DAY;
        to -= to % DAY;
        p.employment.push({ org: other.id, from: secToIso(to).slice(0, 10) });
        f.addIdentity(p, 'work', name, f.freshEmail([`${translit(first)}.${translit(last)}@${other.domains[0]}`]), {
          org: other.id,
          from: to,
          weight: 6
        });
        f.addStaff(other.id, key);
      }
      const workEmail = f.freshEmail([`${local}@${domain}`, `${translit(first)}.${translit(last)}@${domain}`]);
      f.addIdentity(p, 'work', name, workEmail, { org: org.id, from: FAR_PAST, to, weight: 6 });
      f.addStaff(org.id, key);
      if (r.chance(0.3)) {
        f.addIdentity(
          p,
          'personal',
          r.chance(0.3) ? translit(name) : name,
          f.freshEmail([`${translit(first)}${r.int(70, 99)}@${r.pick(PERSONAL_DOMAINS)}`]),
          { weight: 1 }
        );
      }
      if (org.github || r.chance(0.3)) {
        const login = f.login(`${translit(first)[0]}${translit(last).replace(/\./g, '')}`.slice(0, 20));
        f.githubAccount(p, login);
        if (r.chance(0.35)) f.addIdentity(p, 'noreply', name, `${p.github!.id}+${login}@users.noreply.github.com`, { weight: 1 });
      }
      if (org.gitlab || r.chance(0.3)) {
        f.gitlabAccount(p, f.login(`${translit(first)}.${translit(last).replace(/\./g, '')}`.slice(0, 24)));
      }
      if (/[äöüßÄÖÜ]/.test(name) && r.chance(0.5)) {
        f.addIdentity(p, 'variant', name.normalize('NFD'), workEmail, { org: org.id, to, weight: 0.7 });
      }
    }
  }

  // --- independent developers: personal emails only, no organisation --------------------------------
  const nIndependent = size === 'tiny' ? 3 : size === 'demo' ? 16 : 60;
  const ri = rng.fork('independent');
  for (let i = 0; i < nIndependent; i++) {
    const name = f.freshName(ri);
    const key = `i:${translit(name).replace(/\./g, '-')}`;
    const p = f.person(key, name, 'developer');
    const local = ri.chance(0.5) ? translit(name) : `${translit(name).split('.')[0]}${ri.int(70, 99)}`;
    f.addIdentity(p, 'personal', name, f.freshEmail([`${local}@${ri.pick(PERSONAL_DOMAINS)}`]), { weight: 4 });
    f.githubAccount(p, f.login(translit(name).replace(/\./g, '-')));
    if (ri.chance(0.4)) f.gitlabAccount(p, f.login(translit(name)));
    f.b.volunteers.push(key);
  }

  // --- issue reporters: citizens and staff elsewhere ----------------------------------------------------
  const nReporters = size === 'tiny' ? 8 : size === 'demo' ? 40 : 150;
  const rr = rng.fork('reporters');
  for (let i = 0; i < nReporters; i++) {
    const name = f.freshName(rr);
    const key = `r:${translit(name).replace(/\./g, '-')}`;
    const p = f.person(key, name, 'reporter');
    const base = rr.chance(0.5) ? translit(name).replace(/\./g, '-') : `${translit(name).split('.')[0]}${rr.int(1, 999)}`;
    f.githubAccount(p, f.login(base));
    f.gitlabAccount(p, f.login(base.replace(/-/g, '.')));
    f.b.reporters.push(key);
  }
  return f;
}

/** The identity a person uses for a commit at time t (work identities only while employed). */
export function pickIdentity(
  p: GPerson,
  t: number,
  rng: Rng,
  opts: { allowNoreply: boolean; allowGeneric: boolean; allowMailmapped?: boolean }
): number {
  const cands = p.identities.filter((i) => {
    if (t < i.from || t >= i.to) return false;
    if (i.kind === 'noreply' && !opts.allowNoreply) return false;
    if (i.kind === 'generic' && !opts.allowGeneric) return false;
    if (i.kind === 'generic' && i.org !== null && !opts.allowMailmapped) return false;
    return true;
  });
  if (cands.length === 0) {
    const any = p.identities.find((i) => i.kind !== 'generic' && i.kind !== 'noreply') ?? p.identities[0];
    return any.idx;
  }
  return rng.weighted(
    cands.map((c) => c.idx),
    cands.map((c) => c.weight)
  );
}
