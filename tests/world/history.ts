/**
 * Commit histories: the mainline of a project (with feature branches and merges, bot commits, version
 * and other tags, a licence change), forks with their own commits, and the commits advanceWorld adds.
 * Only event lists here; gitwrite.ts turns them into git objects.
 */
import { COMMIT_MESSAGES, licenceText, type Spdx } from './data';
import type { GCommit, GPerson, GTag, Identity } from './internal';
import { DAY, pickIdentity } from './people';
import type { Rng } from './prng';

export const CODE_FILES = [
  'src/index.ts',
  'src/api.ts',
  'src/form.ts',
  'src/lib/util.ts',
  'docs/betrieb.md',
  'CHANGELOG.md',
  'README.md',
  'package.json',
  'tests/app.test.ts'
];

export interface HistoryCtx {
  nowSec: number;
  people: Map<string, GPerson>;
  identities: Identity[];
  commits: Map<number, GCommit>;
  /** Identity index of "GitHub <noreply@github.com>" (web merges). */
  githubCommitter: number;
}

export interface Phase {
  /** First and last UTC day number, inclusive. */
  from: number;
  to: number;
  /** Expected human commits per weekday. */
  rate: number;
  branchP: number;
}

export interface FixedEvent {
  /** Exact author time of the first commit. */
  t: number;
  n: number;
  release: boolean;
}

export interface BotStream {
  person: string;
  identity: number;
  /** Mean days between commits. */
  every: number;
  from: number;
  to: number;
  msg: (i: number) => string;
}

export interface HistoryPlan {
  startT: number;
  phases: Phase[];
  fixed: FixedEvent[];
  bots: BotStream[];
  /** Mean human mainline commits between two version tags; 0 = never tag by cadence. */
  releaseEvery: number;
  versionPrefix: 'v' | '';
  annotatedP: number;
  /** A bot that writes a "chore(release)" commit right before each version tag. */
  releaseBot: number | null;
  licence: Spdx;
  licenceChange: { atFraction: number; to: Spdx } | null;
  holder: string;
  forge: 'github' | 'gitlab' | 'git';
  rootFiles: Record<string, string>;
  /** Where a code change to one of CODE_FILES lands instead (a project without docs/ or a changelog); the draws stay the same. */
  codeFile?: (path: string) => string;
  /** The changelog a release bot appends to (CHANGES.md where the project keeps that one). */
  changelogFile?: string;
  /** publiccode.yml texts: before and after the licence change. */
  publiccode: [string | null, string | null];
  team: { person: string; weight: number }[];
  maintainers: string[];
  allowMailmapped: boolean;
  nonVersionTags: boolean;
}

export interface HistoryResult {
  order: number[];
  head: number;
  tags: GTag[];
  /** Tip of every unmerged branch. */
  branches: { name: string; head: number }[];
  licenceChangedAt: number | null;
}

export class CommitMaker {
  constructor(
    readonly ctx: HistoryCtx,
    readonly base: number,
    public local: number
  ) {}

  make(parents: number[], a: number, c: number, at: number, ct: number, msg: string, ch: [string, string | null][]): GCommit {
    const id = this.base + this.local++;
    // Two makers over one id space would overwrite each other's commits (and loop first-parent chains).
    if (this.ctx.commits.has(id)) throw new Error(`world generator: commit id ${id} is taken`);
    const commit: GCommit = { id, parents, a, c, at, ct, msg, ch };
    this.ctx.commits.set(id, commit);
    return commit;
  }
}

function dayTime(rng: Rng, day: number): number {
  // 06:00–19:59 UTC: working hours in Germany.
  return day * DAY + rng.int(6 * 3600, 20 * 3600 - 1);
}

function weekdayFactor(day: number): number {
  const wd = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return wd === 0 || wd === 6 ? 0.2 : 1;
}

export function bumpVersion(v: [number, number, number], rng: Rng): [number, number, number] {
  const r = rng.next();
  if (r < 0.05) return [v[0] + 1, 0, 0];
  if (r < 0.6) return [v[0], v[1] + 1, 0];
  return [v[0], v[1], v[2] + 1];
}

function weightedPerson(rng: Rng, team: { person: string; weight: number }[]): string {
  return rng.weighted(
    team.map((t) => t.person),
    team.map((t) => t.weight)
  );
}

interface HumanEvent {
  t: number;
  cap: number;
  branchP: number;
  release: boolean;
  fixed: boolean;
  bot: BotStream | null;
}

/** Build the mainline history of a project's primary repository. */
export function buildHistory(maker: CommitMaker, plan: HistoryPlan, rng: Rng): HistoryResult {
  const { ctx } = maker;
  const capNow = ctx.nowSec - 300;
  const events: HumanEvent[] = [];
  for (const ph of plan.phases) {
    const cap = Math.min(capNow, (ph.to + 1) * DAY - 3600);
    for (let d = ph.from; d <= ph.to; d++) {
      const n = rng.poisson(ph.rate * weekdayFactor(d));
      for (let i = 0; i < n; i++) {
        const t = Math.min(dayTime(rng, d), cap);
        if (t <= plan.startT) continue;
        events.push({ t, cap, branchP: ph.branchP, release: false, fixed: false, bot: null });
      }
    }
  }
  for (const fx of plan.fixed) {
    for (let i = 0; i < fx.n; i++) {
      events.push({
        t: fx.t + i * 1800,
        cap: fx.t + fx.n * 1800,
        branchP: 0,
        release: fx.release && i === fx.n - 1,
        fixed: true,
        bot: null
      });
    }
  }
  for (const b of plan.bots) {
    for (let d = b.from; d <= b.to; d += Math.max(1, Math.round(rng.float(0.5, 1.5) * b.every))) {
      const t = Math.min(dayTime(rng, d), capNow);
      events.push({ t, cap: capNow, branchP: 0, release: false, fixed: false, bot: b });
    }
  }
  events.sort((x, y) => x.t - y.t);

  const identityAt = (person: string, t: number): number => {
    const p = ctx.people.get(person)!;
    return pickIdentity(p, t, rng, { allowNoreply: plan.forge === 'github', allowGeneric: true, allowMailmapped: plan.allowMailmapped });
  };
  const maintainer = (): string => rng.pick(plan.maintainers);

  // Root commit.
  const files = new Map<string, string>();
  const rootCh: [string, string | null][] = [];
  for (const [p, c] of Object.entries(plan.rootFiles)) rootCh.push([p, c]);
  rootCh.push(['LICENSE', licenceText(plan.licence, new Date(plan.startT * 1000).getUTCFullYear(), plan.holder)]);
  if (plan.publiccode[0] !== null) rootCh.push(['publiccode.yml', plan.publiccode[0]]);
  for (const [p, c] of rootCh) files.set(p, c!);
  const founder = plan.maintainers[0];
  const rootId = identityAt(founder, plan.startT);
  const root = maker.make([], rootId, rootId, plan.startT, plan.startT, 'Initial commit', rootCh);
  const order: number[] = [root.id];
  let tip = root.id;
  const tags: GTag[] = [];
  const branches: { name: string; head: number }[] = [];
  let version: [number, number, number] = [rng.chance(0.3) ? 1 : 0, rng.int(1, 3), 0];
  let sinceRelease = 0;
  let nextRelease = plan.releaseEvery > 0 ? Math.max(2, Math.round(plan.releaseEvery * rng.float(0.5, 1.5))) : Infinity;
  let licenceChangedAt: number | null = null;
  const humanTotal = events.filter((e) => !e.bot).length;
  const licenceAt = plan.licenceChange ? Math.floor(humanTotal * plan.licenceChange.atFraction) : -1;
  let humanIndex = 0;
  let prNumber = 1;
  let usedStable = false;
  const usedTagNames = new Set<string>();

  const change = (tag: string): [string, string | null][] => {
    const n = rng.int(1, 2);
    const out: [string, string | null][] = [];
    for (let i = 0; i < n; i++) {
      const picked = rng.pick(CODE_FILES);
      const path = plan.codeFile ? plan.codeFile(picked) : picked;
      if (out.some((o) => o[0] === path)) continue;
      const content = `${tag}\n`;
      out.push([path, content]);
    }
    return out;
  };

  const tagAt = (commitId: number, t: number, tagger: number, name: string, annotated: boolean, message: string): void => {
    if (usedTagNames.has(name)) return;
    usedTagNames.add(name);
    tags.push({ name, commit: commitId, annotated, at: t, tagger, message });
  };

  for (const ev of events) {
    if (ev.bot) {
      const c = maker.make([tip], ev.bot.identity, ev.bot.identity, ev.t, ev.t, ev.bot.msg(maker.local), [
        ['data/messwerte.csv', `stand;${maker.local}\n`]
      ]);
      if (plan.forge === 'github' && ev.bot.person !== 'bot:github-actions') c.c = ctx.githubCommitter;
      order.push(c.id);
      tip = c.id;
      continue;
    }
    const author = weightedPerson(rng, plan.team);
    const aid = identityAt(author, ev.t);
    humanIndex++;
    if (humanIndex === licenceAt && plan.licenceChange) {
      const to = plan.licenceChange.to;
      const ch: [string, string | null][] = [['LICENSE', licenceText(to, new Date(ev.t * 1000).getUTCFullYear(), plan.holder)]];
      if (plan.publiccode[1] !== null) ch.push(['publiccode.yml', plan.publiccode[1]]);
      const mid = identityAt(maintainer(), ev.t);
      const c = maker.make([tip], mid, mid, ev.t, ev.t, `Lizenz auf ${to} umgestellt`, ch);
      order.push(c.id);
      tip = c.id;
      licenceChangedAt = ev.t;
      continue;
    }
    if (!ev.fixed && plan.team.length > 1 && rng.chance(ev.branchP)) {
      // A feature branch with 1–3 commits, merged by a maintainer.
      const k = rng.int(1, 3);
      let btip = tip;
      let t = ev.t;
      const branchFiles: [string, string | null][] = [];
      for (let i = 0; i < k; i++) {
        const ch = change(`feature ${maker.base + maker.local}`);
        const c = maker.make([btip], aid, aid, t, t, rng.pick(COMMIT_MESSAGES), ch);
        for (const x of ch) {
          const j = branchFiles.findIndex((b) => b[0] === x[0]);
          if (j >= 0) branchFiles[j] = x;
          else branchFiles.push(x);
        }
        order.push(c.id);
        btip = c.id;
        t = Math.min(t + rng.int(600, 86_400), ev.cap);
      }
      // One open pull request branch in a while stays unmerged (its commits are not in HEAD history).
      if (rng.chance(0.04) && branches.length < 3) {
        branches.push({ name: `feature/offen-${branches.length + 1}`, head: btip });
        continue;
      }
      const merger = maintainer();
      const mt = Math.min(t + rng.int(1800, 2 * 86_400), ev.cap);
      const mid = identityAt(merger, mt);
      const n = prNumber++;
      const login = ctx.people.get(author)?.github?.login ?? 'contributor';
      const msg =
        plan.forge === 'github' ? `Merge pull request #${n} from ${login}/feature-${n}` : `Merge branch 'feature-${n}' into 'main'`;
      const committer = plan.forge === 'github' ? ctx.githubCommitter : mid;
      const m = maker.make([tip, btip], mid, committer, mt, mt, msg, branchFiles);
      order.push(m.id);
      tip = m.id;
      sinceRelease++;
    } else {
      const ct = rng.chance(0.1) ? Math.min(ev.t + rng.int(60, 36 * 3600), capNow) : ev.t;
      const c = maker.make([tip], aid, aid, ev.t, ct, rng.pick(COMMIT_MESSAGES), change(`change ${maker.base + maker.local}`));
      order.push(c.id);
      tip = c.id;
      sinceRelease++;
    }
    const tipCommit = ctx.commits.get(tip)!;
    const release = ev.release || (!ev.fixed && sinceRelease >= nextRelease);
    if (release) {
      version = bumpVersion(version, rng);
      const name = `${plan.versionPrefix}${version.join('.')}`;
      let tagCommit = tip;
      let tt = Math.min(tipCommit.at + rng.int(300, 1800), ev.cap);
      if (plan.releaseBot !== null) {
        const c = maker.make([tip], plan.releaseBot, plan.releaseBot, tt, tt, `chore(release): ${version.join('.')} [skip ci]`, [
          [plan.changelogFile ?? 'CHANGELOG.md', `## ${version.join('.')}\n`]
        ]);
        order.push(c.id);
        tip = c.id;
        tagCommit = c.id;
        tt = Math.min(tt + 60, ev.cap);
      }
      const annotated = rng.chance(plan.annotatedP);
      const taggerId = identityAt(maintainer(), tt);
      tagAt(tagCommit, annotated ? tt : ctx.commits.get(tagCommit)!.ct, taggerId, name, annotated, `Version ${version.join('.')}`);
      sinceRelease = 0;
      nextRelease = plan.releaseEvery > 0 ? Math.max(2, Math.round(plan.releaseEvery * rng.float(0.5, 1.5))) : Infinity;
    } else if (plan.nonVersionTags && !ev.fixed && rng.chance(0.03)) {
      const d = new Date(tipCommit.ct * 1000).toISOString().slice(0, 10).replace(/-/g, '');
      const name = !usedStable && rng.chance(0.3) ? 'stable' : rng.chance(0.5) ? `deploy-${d}` : `abnahme-${d}`;
      if (name === 'stable') usedStable = true;
      const annotated = rng.chance(0.3);
      tagAt(
        tip,
        annotated ? Math.min(tipCommit.ct + 600, capNow) : tipCommit.ct,
        identityAt(maintainer(), tipCommit.ct),
        name,
        annotated,
        'Stand für die Abnahme'
      );
    }
  }
  return { order, head: tip, tags, branches, licenceChangedAt };
}

/** All ancestors of a commit (itself included). */
export function ancestors(commits: Map<number, GCommit>, head: number): Set<number> {
  const seen = new Set<number>();
  const stack = [head];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const p of commits.get(id)!.parents) stack.push(p);
  }
  return seen;
}

/** A fork: the upstream history up to `forkPoint`, then `own` linear commits by the fork's team. */
export function buildFork(
  maker: CommitMaker,
  upstreamOrder: number[],
  forkPoint: number,
  own: number,
  team: string[],
  fromDay: number,
  toDay: number,
  forge: 'github' | 'gitlab',
  rng: Rng
): { order: number[]; head: number } {
  const { ctx } = maker;
  const anc = ancestors(ctx.commits, forkPoint);
  const order = upstreamOrder.filter((id) => anc.has(id));
  let tip = forkPoint;
  const base = ctx.commits.get(forkPoint)!.at;
  const times: number[] = [];
  for (let i = 0; i < own; i++) times.push(Math.max(base + 3600, dayTime(rng, rng.int(fromDay, toDay))));
  times.sort((a, b) => a - b);
  for (const t of times) {
    const author = rng.pick(team);
    const aid = pickIdentity(ctx.people.get(author)!, t, rng, { allowNoreply: forge === 'github', allowGeneric: false });
    const c = maker.make(
      [tip],
      aid,
      aid,
      Math.min(t, ctx.nowSec - 600),
      Math.min(t, ctx.nowSec - 600),
      rng.pick([
        'Anpassungen für unsere Kommune',
        'Eigenes Logo und Farben',
        'Lokale Konfiguration',
        'Schnittstelle zum eigenen Fachverfahren',
        rng.pick(COMMIT_MESSAGES)
      ]),
      [[`config/kommune-${maker.local % 7}.yml`, `stand: ${maker.base + maker.local}\n`]]
    );
    order.push(c.id);
    tip = c.id;
  }
  return { order, head: tip };
}
