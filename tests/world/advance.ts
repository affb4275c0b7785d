/**
 * Moves a world forward in time (POST /_emulator/advance): new commits on some active projects
 * (appended with git fast-import from the current tips, mirrors included), new issues and comments,
 * a release on a few repositories. Deterministic from the world's seed, its history of advances and
 * `days`. Updates the World object in place (now, pushedAt, items, releases) and rewrites truth.json,
 * world.json and state.json.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COMMIT_MESSAGES } from './data';
import { assignIds, computeTruth, fillShas, linkItems, rememberWorld, saveWorld, stateOf } from './generate';
import { writeRepository } from './gitwrite';
import { bumpVersion, CommitMaker, CODE_FILES, type HistoryCtx } from './history';
import type { GCommit, GRepo, GTag, WorldState } from './internal';
import { buildItems, ItemMaker, type ItemPlan } from './items';
import type { World } from './model';
import { DAY, pickIdentity, secToIso } from './people';
import { Rng } from './prng';
import type { WorldTruth } from './truth';

export interface AdvanceResult {
  previousNow: string;
  now: string;
  /** New commits per repository ref (mirrors listed too). */
  commits: Record<string, number>;
  totalCommits: number;
  issues: number;
  pullRequests: number;
  comments: number;
  releases: number;
  /** Refs of repositories that changed (git or forge data). */
  repositories: string[];
  truth: WorldTruth;
}

async function loadState(world: World): Promise<WorldState> {
  const s = stateOf(world);
  if (s) return s;
  const raw = JSON.parse(await readFile(join(world.dir, 'state.json'), 'utf8')) as Omit<WorldState, 'commits'> & { commits: GCommit[] };
  const state: WorldState = { ...raw, commits: new Map(raw.commits.map((c) => [c.id, c])) };
  linkItems(state, world);
  return state;
}

export async function advanceWorld(world: World, opts: { days: number }): Promise<AdvanceResult> {
  const days = Math.floor(opts.days);
  if (!(days >= 1)) throw new Error('advanceWorld: days must be at least 1');
  const state = await loadState(world);
  const previous = state.now;
  const now = previous + days * DAY;
  const rng = new Rng(`allmende-world/${world.seed}/${world.size}/advance/${state.advanceCount}/${days}`);
  state.advanceCount++;
  state.now = now;
  const people = new Map(state.persons.map((p) => [p.key, p]));
  const repoByRef = new Map(state.repos.map((r) => [r.ref, r]));
  const ctx: HistoryCtx = {
    nowSec: now,
    people,
    identities: state.identities,
    commits: state.commits,
    githubCommitter: state.identities.findIndex((i) => i.email === 'noreply@github.com')
  };
  const fromDay = Math.floor(previous / DAY);
  const toDay = Math.floor(now / DAY);
  const newCommits = new Map<string, number[]>();
  const newTags = new Map<string, GTag[]>();
  const changed = new Set<string>();
  let issues = 0;
  let pulls = 0;
  let comments = 0;
  let releases = 0;
  let releasedProjects = 0;

  const eligible = state.projects.filter((p) => {
    if (p.archetype !== 'aktiv' && p.archetype !== 'neu') return false;
    const repos = p.repos.map((r) => repoByRef.get(r)!);
    return repos[0].visibility === 'public' && !repos[0].archived && repos[0].head !== null;
  });
  // A catalog fork project shares its upstream's id space (generate.ts gives it the upstream's index):
  // new commits continue after the highest local id any project of that space used, never reuse one.
  const nextLocalOf = new Map<number, number>();
  for (const p of state.projects) nextLocalOf.set(p.index, Math.max(nextLocalOf.get(p.index) ?? 0, p.nextLocal));
  for (const p of eligible) {
    const prng = rng.fork(`project:${p.id}`);
    if (!prng.chance(0.7)) continue;
    const repos = p.repos.map((r) => repoByRef.get(r)!).filter((r) => r.head !== null);
    const primary = repos[0];
    const maker = new CommitMaker(ctx, (p.index + 1) * 1_000_000, nextLocalOf.get(p.index)!);
    let tip = primary.head!;
    const added: number[] = [];
    for (let d = fromDay + 1; d <= toDay; d++) {
      const wd = (d + 4) % 7;
      const n = prng.poisson(wd === 0 || wd === 6 ? 0.1 : 0.6);
      for (let i = 0; i < n; i++) {
        const t = Math.min(d * DAY + prng.int(6 * 3600, 20 * 3600), now - 120);
        if (t <= previous) continue;
        const author = prng.weighted(
          p.team.map((x) => x.person),
          p.team.map((x) => x.weight)
        );
        const aid = pickIdentity(people.get(author)!, t, prng, { allowNoreply: primary.forge === 'github', allowGeneric: false });
        const path = prng.pick(CODE_FILES);
        const c = maker.make([tip], aid, aid, t, t, prng.pick(COMMIT_MESSAGES), [[path, `advance ${maker.base + maker.local}\n`]]);
        added.push(c.id);
        tip = c.id;
      }
    }
    added.sort((a, b) => a - b);
    if (added.length) {
      let tag: GTag | null = null;
      if (releasedProjects < 3 && prng.chance(0.5)) {
        const versions = primary.tags.map((t) => /^v?(\d+)\.(\d+)\.(\d+)$/.exec(t.name)).filter((m): m is RegExpExecArray => m !== null);
        const last = versions.length
          ? (versions[versions.length - 1].slice(1, 4).map(Number) as [number, number, number])
          : ([0, 9, 0] as [number, number, number]);
        const v = bumpVersion(last, prng);
        const prefix = primary.tags.some((t) => t.name.startsWith('v')) || !primary.tags.length ? 'v' : '';
        const name = `${prefix}${v.join('.')}`;
        const head = state.commits.get(tip)!;
        if (!primary.tags.some((t) => t.name === name)) {
          const tagger = pickIdentity(people.get(p.maintainers[0])!, head.ct, prng, { allowNoreply: false, allowGeneric: false });
          tag = { name, commit: tip, annotated: true, at: Math.min(head.ct + 600, now - 60), tagger, message: `Version ${v.join('.')}` };
          releasedProjects++;
        }
      }
      for (const r of repos) {
        r.order.push(...added);
        r.head = tip;
        newCommits.set(r.ref, added);
        changed.add(r.ref);
        if (tag) {
          r.tags.push({ ...tag });
          newTags.set(r.ref, [{ ...tag }]);
        }
      }
      if (tag && primary.forge !== 'git' && primary.releases.length) {
        const im = new ItemMaker(people, now, primary.forge);
        const author = p.maintainers.find((m) => im.hasAccount(m));
        if (author) {
          primary.releases.push({
            id: 0,
            tagName: tag.name,
            name: tag.name,
            body: '### Änderungen\n- Neue Funktionen',
            author: im.loginOf(author),
            createdAt: secToIso(tag.at),
            publishedAt: secToIso(Math.min(tag.at + 300, now - 30)),
            draft: false,
            prerelease: false
          });
          releases++;
        }
      }
    }
    p.nextLocal = maker.local;
    nextLocalOf.set(p.index, maker.local);
    // Issues and comments on the primary repository.
    if (primary.forge !== 'git') {
      const im = new ItemMaker(people, now, primary.forge);
      const reporters = state.persons.filter((x) => x.role === 'reporter').map((x) => x.key);
      const plan: ItemPlan = {
        forge: primary.forge,
        spans: [{ from: fromDay + 1, to: toDay, issueRate: primary.hasIssues ? 0.15 : 0, prRate: 0.08 }],
        clip: now - 60,
        hasIssues: primary.hasIssues,
        answerP: 0.7,
        authorOnlyP: 0.05,
        medianResponseH: 12,
        maintainers: p.maintainers,
        contributors: p.team.map((t) => t.person).filter((x) => !p.maintainers.includes(x)),
        reporters: prng.sample(reporters, 6),
        botPRs: null,
        fixed: [],
        ciCommenter: null
      };
      const before = primary.items.length;
      const fresh = buildItems(im, plan, prng).filter((it) => Date.parse(it.createdAt) / 1000 > previous);
      for (const it of fresh) {
        if (it.kind === 'issue') issues++;
        else pulls++;
        comments += it.comments.length;
      }
      primary.items.push(...fresh);
      // Answers on older open items.
      const open = primary.items.slice(0, before).filter((it) => it.state === 'open');
      for (const it of prng.sample(open, Math.min(open.length, prng.int(0, 2)))) {
        const who = p.maintainers.find((m) => im.hasAccount(m) && im.loginOf(m) !== it.author);
        if (!who) continue;
        const t = Math.min(previous + prng.int(3600, days * DAY), now - 60);
        it.comments.push(im.comment(who, t, 'Wir haben das jetzt eingeplant.'));
        if (Date.parse(it.updatedAt) / 1000 < t) it.updatedAt = secToIso(t);
        comments++;
      }
      if (fresh.length || open.length) changed.add(primary.ref);
    }
  }

  // Write git: one fast-import per changed repository, appending from the existing marks.
  for (const ref of newCommits.keys()) {
    const repo = repoByRef.get(ref)!;
    const marks = await writeRepository(
      world.dir,
      {
        repo,
        commitIds: newCommits.get(ref)!,
        tags: newTags.get(ref) ?? [],
        commits: state.commits,
        identities: state.identities,
        branches: []
      },
      false
    );
    fillShas(state, repo, marks);
  }
  assignIds(state);

  // Update the World in place.
  world.now = secToIso(now);
  const pushed = (r: GRepo): number => {
    let t = r.createdAt;
    if (r.head !== null) t = Math.max(t, state.commits.get(r.head)!.ct);
    for (const tag of r.tags) t = Math.max(t, tag.at);
    return Math.min(t, now);
  };
  for (const wr of [...world.github.repositories, ...world.gitlab.repositories]) {
    const ref = `${wr.forge === 'github' ? 'github' : 'opencode'}:${wr.path}`;
    const r = repoByRef.get(ref);
    if (!r) continue;
    wr.pushedAt = secToIso(pushed(r));
    wr.items = r.items;
    wr.releases = r.releases;
  }
  const truth = computeTruth(state, world.seed, world.size);
  await saveWorld(state, world, truth);
  rememberWorld(world, state, truth);
  const commits: Record<string, number> = {};
  let total = 0;
  const counted = new Set<number>();
  for (const [ref, ids] of newCommits) {
    commits[ref] = ids.length;
    for (const id of ids) counted.add(id);
  }
  total = counted.size;
  return {
    previousNow: secToIso(previous),
    now: world.now,
    commits,
    totalCommits: total,
    issues,
    pullRequests: pulls,
    comments,
    releases,
    repositories: [...changed].sort(),
    truth
  };
}
