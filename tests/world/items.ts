/**
 * Issues, pull/merge requests, comments, reviews, GitLab notes (system notes included) and releases.
 * Ids and numbers are assigned later (numberItems, generate.ts); here everything is placeholders 0.
 */
import { APPROVAL_NOTE } from './reviews';
import { COMMENT_BODIES, ISSUE_TITLES, PR_TITLES } from './data';
import type { WorldComment, WorldItem, WorldRelease, WorldReview } from './model';
import type { GPerson, GTag } from './internal';
import { DAY, secToIso } from './people';
import type { Rng } from './prng';

export interface FixedItem {
  kind: 'issue' | 'pull';
  t: number;
  author: string;
  /** Hours until the first response by a maintainer; null = never answered. */
  respondAfterH: number | null;
  /** Hours after creation when a maintainer closes it; null = stays open. */
  closeAfterH: number | null;
}

export interface ItemPlan {
  forge: 'github' | 'gitlab';
  spans: { from: number; to: number; issueRate: number; prRate: number }[];
  /** No event after this time (seconds). */
  clip: number;
  hasIssues: boolean;
  answerP: number;
  authorOnlyP: number;
  medianResponseH: number;
  maintainers: string[];
  contributors: string[];
  reporters: string[];
  botPRs: { person: string; every: number; from: number; to: number } | null;
  fixed: FixedItem[];
  /** A bot that comments on every pull request shortly after it is opened. */
  ciCommenter: string | null;
}

const LABELS_GH = ['bug', 'enhancement', 'question', 'documentation', 'good first issue', 'barrierefreiheit'];
const LABELS_GL = ['bug', 'feature', 'Frage', 'Dokumentation', 'priority::high', 'status::in Arbeit'];

export class ItemMaker {
  private login: (person: string) => string | null;

  constructor(
    readonly people: Map<string, GPerson>,
    readonly nowSec: number,
    readonly forge: 'github' | 'gitlab'
  ) {
    this.login = (person) => {
      const p = people.get(person);
      const acc = forge === 'github' ? p?.github : p?.gitlab;
      return acc?.login ?? null;
    };
  }

  loginOf(person: string): string {
    const l = this.login(person);
    if (!l) throw new Error(`${person} has no ${this.forge} account`);
    return l;
  }

  hasAccount(person: string): boolean {
    return this.login(person) !== null;
  }

  comment(author: string, t: number, body: string, system = false): WorldComment {
    const c: WorldComment = { id: 0, author: this.loginOf(author), body, createdAt: secToIso(t), updatedAt: secToIso(t) };
    if (this.forge === 'gitlab') c.system = system;
    return c;
  }

  /** One item with its whole conversation, nothing after `clip`. */
  item(rng: Rng, plan: ItemPlan, kind: 'issue' | 'pull', author: string, t: number, forced?: FixedItem, botAuthor = false): WorldItem {
    // Hand-placed items (stabil, ruhend) live after the plan's clip on purpose.
    const clip = forced ? this.nowSec - 60 : Math.min(plan.clip, this.nowSec - 60);
    const gh = this.forge === 'github';
    const comments: WorldComment[] = [];
    const reviews: WorldReview[] = [];
    const reviewComments: WorldComment[] = [];
    const others = plan.maintainers.filter((m) => m !== author && this.hasAccount(m));
    let state: WorldItem['state'] = 'open';
    let closedAt: number | null = null;
    let mergedAt: number | null = null;
    let closedBy: string | null = null;
    const title = botAuthor
      ? `Bump ${rng.pick(['lodash', 'axios', 'express', 'vite', 'pg', 'leaflet'])} from 1.${rng.int(0, 9)}.${rng.int(0, 9)} to 1.${rng.int(10, 19)}.${rng.int(0, 9)}`
      : rng.pick(kind === 'issue' ? ISSUE_TITLES : PR_TITLES);
    const labels = botAuthor ? ['dependencies'] : rng.sample(gh ? LABELS_GH : LABELS_GL, rng.int(0, 2));
    if (!gh && rng.chance(0.5)) comments.push(this.comment(author, t + 300, 'changed the description', true));
    if (kind === 'pull' && plan.ciCommenter && this.hasAccount(plan.ciCommenter) && t + 600 <= clip) {
      comments.push(
        this.comment(
          plan.ciCommenter,
          t + 600,
          gh ? '## Codecov Report\nCoverage: 81.2 % (+0.3 %)' : 'Pipeline erfolgreich: Vorschau unter https://review.example.org/'
        )
      );
    }
    let outcome: 'answered' | 'author' | 'none';
    let responseAt = 0;
    if (forced) {
      outcome = forced.respondAfterH === null ? 'none' : 'answered';
      responseAt = forced.respondAfterH === null ? 0 : t + Math.round(forced.respondAfterH * 3600);
    } else {
      const r = rng.next();
      outcome = r < plan.answerP ? 'answered' : r < plan.answerP + plan.authorOnlyP ? 'author' : 'none';
      responseAt = t + Math.max(300, Math.round(rng.logNormal(plan.medianResponseH, 1.3) * 3600));
    }
    if (outcome === 'answered' && (others.length === 0 || responseAt > clip)) outcome = 'none';
    let last = t;
    const responder = others.length ? rng.pick(others) : null;
    if (outcome === 'answered' && responder) {
      if (gh && kind === 'pull' && rng.chance(0.7)) {
        const st = rng.weighted(['APPROVED', 'COMMENTED', 'CHANGES_REQUESTED'] as const, [5, 2, 2]);
        reviews.push({
          id: 0,
          author: this.loginOf(responder),
          state: st,
          body: st === 'APPROVED' ? '' : rng.pick(COMMENT_BODIES),
          submittedAt: secToIso(responseAt)
        });
        if (rng.chance(0.5)) reviewComments.push(this.comment(responder, responseAt, 'Hier bitte noch einen Test ergänzen.'));
      } else {
        comments.push(this.comment(responder, responseAt, rng.pick(COMMENT_BODIES)));
        if (!gh && labels.length && rng.chance(0.5)) comments.push(this.comment(responder, responseAt, `added ~${labels[0]} label`, true));
        if (!gh && kind === 'pull' && rng.chance(0.4)) comments.push(this.comment(responder, responseAt, APPROVAL_NOTE, true));
      }
      last = responseAt;
      const more = forced ? 0 : rng.int(0, 3);
      for (let i = 0; i < more; i++) {
        const ct = last + Math.round(rng.logNormal(20, 1) * 3600);
        if (ct > clip) break;
        const who = rng.chance(0.5) ? author : rng.chance(0.6) ? responder : rng.pick([...plan.reporters, ...others]);
        if (!this.hasAccount(who)) continue;
        const c = this.comment(who, ct, rng.pick(COMMENT_BODIES));
        if (rng.chance(0.1) && ct + 120 <= clip) c.updatedAt = secToIso(ct + 120);
        comments.push(c);
        last = ct;
      }
      const closeAt = forced
        ? forced.closeAfterH === null
          ? null
          : t + Math.round(forced.closeAfterH * 3600)
        : last + Math.round(rng.logNormal(30, 1.2) * 3600);
      const closing = forced ? closeAt !== null : rng.chance(kind === 'pull' ? 0.85 : 0.7);
      if (closing && closeAt !== null && closeAt <= clip) {
        const byAuthor = !forced && kind === 'issue' && rng.chance(0.2);
        closedBy = byAuthor ? author : responder;
        closedAt = closeAt;
        if (kind === 'pull' && !byAuthor && rng.chance(0.85)) {
          state = 'merged';
          mergedAt = closeAt;
        } else state = 'closed';
        last = closeAt;
      }
    } else if (outcome === 'author') {
      const ct = t + Math.round(rng.float(2, 20) * DAY);
      if (ct <= clip) {
        comments.push(this.comment(author, ct, 'Gibt es hierzu schon Neuigkeiten?'));
        last = ct;
        if (rng.chance(0.3)) {
          const cl = ct + Math.round(rng.float(1, 30) * DAY);
          if (cl <= clip) {
            state = 'closed';
            closedAt = cl;
            closedBy = author;
            last = cl;
          }
        }
      }
    } else if (botAuthor && rng.chance(0.4)) {
      // Superseded by a newer bot pull request: closed by the bot itself (no response).
      const cl = t + Math.round(rng.float(3, 14) * DAY);
      if (cl <= clip) {
        state = 'closed';
        closedAt = cl;
        closedBy = author;
        comments.push(this.comment(author, cl, 'Superseded by a newer version.'));
        last = cl;
      }
    }
    if (!gh && closedAt !== null && closedBy) {
      comments.push(this.comment(closedBy, closedAt, state === 'merged' ? 'merged' : 'closed', true));
    }
    comments.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    let updated = Math.max(last, t);
    for (const c of [...comments, ...reviewComments]) updated = Math.max(updated, Date.parse(c.updatedAt) / 1000);
    for (const r of reviews) updated = Math.max(updated, Date.parse(r.submittedAt) / 1000);
    return {
      id: 0,
      number: 0,
      kind,
      title,
      body: botAuthor ? 'Bumps the dependency. Release notes are attached.' : 'Beschreibung des Anliegens. Schritte zum Nachvollziehen: …',
      author: this.loginOf(author),
      state,
      labels,
      createdAt: secToIso(t),
      updatedAt: secToIso(updated),
      closedAt: closedAt === null ? null : secToIso(closedAt),
      mergedAt: mergedAt === null ? null : secToIso(mergedAt),
      closedBy: closedBy === null ? null : this.loginOf(closedBy),
      comments,
      reviews: gh && kind === 'pull' ? reviews : [],
      reviewComments: gh && kind === 'pull' ? reviewComments : []
    };
  }
}

function dayTime(rng: Rng, day: number): number {
  return day * DAY + rng.int(6 * 3600, 20 * 3600 - 1);
}

/** All items of one repository by the plan. */
export function buildItems(maker: ItemMaker, plan: ItemPlan, rng: Rng): WorldItem[] {
  const items: WorldItem[] = [];
  const clip = Math.min(plan.clip, maker.nowSec - 60);
  const reporters = plan.reporters.filter((p) => maker.hasAccount(p));
  const contributors = plan.contributors.filter((p) => maker.hasAccount(p));
  const maintainers = plan.maintainers.filter((p) => maker.hasAccount(p));
  for (const s of plan.spans) {
    for (let d = s.from; d <= s.to; d++) {
      if (plan.hasIssues) {
        const n = rng.poisson(s.issueRate);
        for (let i = 0; i < n; i++) {
          const t = dayTime(rng, d);
          if (t > clip) continue;
          const pool = rng.chance(0.6) && reporters.length ? reporters : contributors.length ? contributors : maintainers;
          if (!pool.length) continue;
          items.push(maker.item(rng, plan, 'issue', rng.pick(pool), t));
        }
      }
      const n = rng.poisson(s.prRate);
      for (let i = 0; i < n; i++) {
        const t = dayTime(rng, d);
        if (t > clip) continue;
        const pool = contributors.length && rng.chance(0.7) ? contributors : maintainers;
        if (!pool.length) continue;
        items.push(maker.item(rng, plan, 'pull', rng.pick(pool), t));
      }
    }
  }
  if (plan.botPRs && maker.hasAccount(plan.botPRs.person)) {
    for (let d = plan.botPRs.from; d <= plan.botPRs.to; d += Math.max(1, Math.round(plan.botPRs.every * rng.float(0.6, 1.4)))) {
      const t = dayTime(rng, d);
      if (t > clip) continue;
      items.push(maker.item(rng, { ...plan, answerP: 0.6, authorOnlyP: 0 }, 'pull', plan.botPRs.person, t, undefined, true));
    }
  }
  for (const fx of plan.fixed) {
    if (fx.kind === 'issue' && !plan.hasIssues) continue;
    if (!maker.hasAccount(fx.author)) continue;
    items.push(maker.item(rng, plan, fx.kind, fx.author, fx.t, fx));
  }
  items.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return items;
}

/** Forge releases for the version tags of a repository. */
export function buildReleases(
  maker: ItemMaker,
  tags: GTag[],
  tagTime: (t: GTag) => number,
  authors: string[],
  rng: Rng,
  clip: number
): WorldRelease[] {
  const out: WorldRelease[] = [];
  for (const tag of tags) {
    if (!/^v?\d+(\.\d+)+$/.test(tag.name)) continue;
    const author = authors.filter((a) => maker.hasAccount(a));
    if (!author.length) continue;
    const t = tagTime(tag);
    const pub = Math.min(t + rng.int(0, 1200), clip, maker.nowSec - 60);
    out.push({
      id: 0,
      tagName: tag.name,
      name: rng.chance(0.5) ? tag.name : `Version ${tag.name.replace(/^v/, '')}`,
      body: '### Änderungen\n- Fehlerbehebungen\n- Verbesserungen der Barrierefreiheit',
      author: maker.loginOf(rng.pick(author)),
      createdAt: secToIso(Math.min(t, pub)),
      publishedAt: secToIso(pub),
      draft: false,
      prerelease: false
    });
  }
  return out;
}
