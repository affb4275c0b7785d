/**
 * What the browser tests need beyond the hand-made dashboard database (tests/fixtures/dashboard-db.ts):
 * collection runs with per-repository counts, rate limits, the next scheduled run, and a few facts
 * (identities, persons, commits, issues, comments) so that the organisation page has contributions
 * to count for a period. Deterministic; times relative to the fixture's reference date.
 */
import { closeDatabase, openDatabase } from '../../db/index';
import * as s from '../../db/schema';

const DAY = 86_400;

export function addDashboardExtras(file: string, asOf: string): void {
  const db = openDatabase(file);
  try {
    const t0 = Math.floor(Date.parse(`${asOf}T04:00:00Z`) / 1000);
    const repos = db
      .select({ id: s.repositories.id, key: s.repositories.key, lastError: s.repositories.lastError })
      .from(s.repositories)
      .all();
    const repoOf = (key: string) => repos.find((r) => r.key === key)!.id;
    db.transaction((tx) => {
      // Three runs: an older complete one, one with a failure, the newest partial one.
      const runs = [
        { startedAt: t0 - 2 * DAY, status: 'ok' as const, trigger: 'schedule' as const, first: true },
        { startedAt: t0 - DAY, status: 'partial' as const, trigger: 'schedule' as const, first: false },
        { startedAt: t0, status: 'partial' as const, trigger: 'cli' as const, first: false }
      ];
      for (const run of runs) {
        const { id } = tx
          .insert(s.collectionRuns)
          .values({
            startedAt: run.startedAt,
            finishedAt: run.startedAt + 610,
            status: run.status,
            trigger: run.trigger,
            pid: 4242,
            repositoriesTotal: repos.length,
            repositoriesDone: repos.length
          })
          .returning({ id: s.collectionRuns.id })
          .get();
        for (const [i, repo] of repos.entries()) {
          const failed = !run.first && repo.lastError !== null;
          tx.insert(s.runRepositories)
            .values({
              runId: id,
              repositoryId: repo.id,
              source: 'git',
              startedAt: run.startedAt + i * 10,
              finishedAt: run.startedAt + i * 10 + 8,
              status: failed ? 'failed' : 'ok',
              requests: 0,
              notModified: 0,
              items: run.first ? 120 + i : 3,
              error: failed ? repo.lastError : null
            })
            .run();
          if (!repo.key.startsWith('git:')) {
            tx.insert(s.runRepositories)
              .values({
                runId: id,
                repositoryId: repo.id,
                source: repo.key.startsWith('github:') ? 'github' : 'gitlab',
                startedAt: run.startedAt + i * 10,
                finishedAt: run.startedAt + i * 10 + 9,
                status: 'ok',
                requests: run.first ? 14 + i : 9,
                notModified: run.first ? 0 : 8,
                items: run.first ? 300 + i : 1
              })
              .run();
          }
        }
      }
      tx.insert(s.rateLimits)
        .values([
          { forgeId: 'github', limit: 5000, remaining: 4871, resetAt: t0 + 3000, observedAt: t0 + 600 },
          { forgeId: 'opencode', limit: 2000, remaining: 1312, resetAt: t0 + 60, observedAt: t0 + 590 }
        ])
        .run();
      tx.insert(s.meta)
        .values({ key: 'schedule.next', value: new Date((t0 + DAY - 43 * 60) * 1000).toISOString(), updatedAt: t0 + 610 })
        .run();

      // People: two of Ulm (one also commenting under a forge login), one of Dortmund, a bot.
      const person = (key: string, pseudonym: string, isBot = false) =>
        tx.insert(s.persons).values({ key, pseudonym, displayName: pseudonym, isBot }).returning({ id: s.persons.id }).get().id;
      const anna = person('p-anna', 'Person 7f3a');
      const ben = person('p-ben', 'Person e0d4');
      const cem = person('p-cem', 'Person a1b2');
      const bot = person('p-bot', 'dependabot[bot]', true);
      const identity = (values: Partial<s.NewIdentity> & { source: string; personId: number }) =>
        tx.insert(s.identities).values(values).returning({ id: s.identities.id }).get().id;
      const annaGit = identity({ source: 'git', name: 'Anna Beispiel', emailHash: 'h-anna', emailDomain: 'ulm.de', personId: anna });
      // A GitLab account with a public email of the city: its issues and comments belong to Ulm.
      const annaGl = identity({ source: 'opencode', login: 'anna-b', emailHash: 'h-anna', emailDomain: 'ulm.de', personId: anna });
      // A GitHub account without email: „ohne Zuordnung“, as in the derived reports.
      const annaGh = identity({ source: 'github', login: 'anna-b', personId: anna });
      const benGit = identity({ source: 'git', name: 'Ben Muster', emailHash: 'h-ben', emailDomain: 'it.ulm.de', personId: ben });
      const cemGit = identity({ source: 'git', name: 'Cem Probe', emailHash: 'h-cem', emailDomain: 'dortmund.de', personId: cem });
      const botGit = identity({
        source: 'git',
        name: 'dependabot[bot]',
        emailHash: 'h-bot',
        emailDomain: 'github.com',
        emailBot: true,
        personId: bot
      });

      const maengel = repoOf('github:stadt-koeln/maengelmelder');
      const termin = repoOf('github:stadt-ulm/terminbuchung');
      let n = 0;
      const commit = (repositoryId: number, author: number, daysAgo: number, parents = 1) => {
        n++;
        const at = t0 - daysAgo * DAY;
        tx.insert(s.commits)
          .values({
            repositoryId,
            hash: n.toString(16).padStart(40, '0'),
            authorIdentityId: author,
            authorDate: at,
            committerDate: at,
            parentCount: parents
          })
          .run();
      };
      for (let d = 5; d < 300; d += 20) commit(maengel, annaGit, d); // 15 commits of Ulm to Köln's project
      commit(maengel, benGit, 30);
      commit(maengel, benGit, 31, 2); // a merge: not authored activity
      commit(maengel, annaGit, 500); // outside the default period
      for (let d = 1; d < 100; d += 10) commit(termin, annaGit, d); // 10 in the own project
      commit(termin, cemGit, 3); // Dortmund contributes to Ulm
      commit(termin, botGit, 2); // a bot: never counted
      commit(maengel, botGit, 2);

      const item = (repositoryId: number, number: number, author: number, daysAgo: number) =>
        tx
          .insert(s.items)
          .values({
            repositoryId,
            kind: 'issue',
            number,
            forgeItemId: `i${repositoryId}-${number}`,
            title: `Fehler ${number}`,
            state: 'open',
            authorIdentityId: author,
            createdAt: t0 - daysAgo * DAY,
            updatedAt: t0 - daysAgo * DAY
          })
          .run();
      item(maengel, 1, annaGl, 12);
      item(maengel, 2, annaGl, 40);
      item(maengel, 3, annaGh, 10);
      tx.insert(s.comments)
        .values([
          {
            repositoryId: maengel,
            kind: 'comment',
            forgeCommentId: 'c1',
            itemKind: 'issue',
            itemNumber: 1,
            authorIdentityId: annaGl,
            createdAt: t0 - 11 * DAY
          },
          {
            repositoryId: maengel,
            kind: 'comment',
            forgeCommentId: 'c2',
            itemKind: 'issue',
            itemNumber: 2,
            authorIdentityId: annaGl,
            createdAt: t0 - 39 * DAY
          },
          {
            repositoryId: maengel,
            kind: 'note',
            forgeCommentId: 'c3',
            itemKind: 'issue',
            itemNumber: 2,
            authorIdentityId: annaGl,
            createdAt: t0 - 38 * DAY,
            system: true
          },
          {
            repositoryId: maengel,
            kind: 'comment',
            forgeCommentId: 'c4',
            itemKind: 'issue',
            itemNumber: 3,
            authorIdentityId: annaGh,
            createdAt: t0 - 9 * DAY
          }
        ])
        .run();
    });
  } finally {
    closeDatabase(db);
  }
}
