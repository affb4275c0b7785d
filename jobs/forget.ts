/**
 * `allmende forget` (DSGVO Art. 17): remove a person on request — found by email, forge login or
 * name — from identities, persons and every stored snapshot, and keep them out of later
 * collections. Their contributions stay counted (project figures are not personal data) but belong
 * to an anonymous identity per request and source: „gelöschte Person“, without name, login,
 * email hash, email domain or forge id, so they join nobody and no organisation.
 *
 * The request itself is kept as keyed hashes (forgotten_subjects): an email, login or name is never
 * stored in clear, and the collectors map a matching author to the anonymous identity from then on.
 * Derive then rebuilds persons and today's snapshots; older snapshots are scrubbed of the person's
 * pseudonym and display name here.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import {
  accountAffiliations,
  comments,
  commits,
  forgottenSubjects,
  identities,
  items,
  organisationPersonMonths,
  persons,
  releases
} from '../db/schema';
import { hashEmail } from '../src/lib/identity/email';
import { FORGOTTEN_MARK, FORGOTTEN_NAME, forgetKey, loginKey, normaliseName } from './store/forgotten';
import { forgottenIdentity } from './store/identities';

export type ForgetRequest = { email: string } | { login: string; forge: string } | { name: string };

export interface ForgetResult {
  identities: number;
  persons: number;
  snapshots: number;
}

function directMatches(db: Db, request: ForgetRequest, secret: Buffer): { id: number; personId: number | null }[] {
  const columns = { id: identities.id, personId: identities.personId };
  if ('email' in request)
    return db
      .select(columns)
      .from(identities)
      .where(eq(identities.emailHash, hashEmail(request.email, secret)))
      .all();
  if ('login' in request) {
    const login = request.login.trim().toLowerCase();
    return db
      .select({ ...columns, login: identities.login })
      .from(identities)
      .where(eq(identities.source, request.forge))
      .all()
      .filter((r) => r.login.toLowerCase() === login);
  }
  // Names compare after Unicode normalisation and case folding, which SQLite's lower() cannot do.
  const name = normaliseName(request.name);
  return db
    .select({ ...columns, name: identities.name })
    .from(identities)
    .all()
    .filter((r) => normaliseName(r.name) === name);
}

function matchingIdentityIds(db: Db, request: ForgetRequest, secret: Buffer): number[] {
  const direct = directMatches(db, request, secret);
  // The whole person: every identity derive joined with a matching one.
  const personIds = direct.map((r) => r.personId).filter((id): id is number => id !== null);
  const ofPersons =
    personIds.length > 0 ? db.select({ id: identities.id }).from(identities).where(inArray(identities.personId, personIds)).all() : [];
  return [...new Set([...direct, ...ofPersons].map((r) => r.id))].sort((a, b) => a - b);
}

/** Removes the person from every snapshot's lists (reports are JSON; a list entry names its person by `name`). */
function scrubSnapshots(db: Db, names: readonly string[]): number {
  if (names.length === 0) return 0;
  const named = new Set(names);
  const scrub = (value: unknown): unknown => {
    if (Array.isArray(value))
      return value.filter((v) => !(v && typeof v === 'object' && named.has((v as { name?: unknown }).name as string))).map(scrub);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  let changed = 0;
  // Project reports only: organisation reports are not stored, they are computed for any period.
  const page = db.$client.prepare('SELECT rowid AS rowid, report FROM project_snapshots WHERE rowid > ? ORDER BY rowid LIMIT 500');
  const update = db.$client.prepare('UPDATE project_snapshots SET report = ? WHERE rowid = ?');
  // Pages by rowid: an open iterator would keep the connection busy for the updates.
  for (let after = 0; ;) {
    const rows = page.all(after) as { rowid: number; report: string }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1].rowid;
    for (const r of rows) {
      if (!names.some((n) => r.report.includes(JSON.stringify(n)))) continue;
      update.run(JSON.stringify(scrub(JSON.parse(r.report))), r.rowid);
      changed++;
    }
  }
  return changed;
}

/**
 * Forgets the person in one transaction. Returns what was removed; 0 identities when nobody
 * matched (the request is still recorded, so that a later collection does not bring them in).
 */
export function forgetPerson(db: Db, request: ForgetRequest, secret: Buffer): ForgetResult {
  // Deleted and rewritten rows are overwritten with zeros, not left in free pages of the file.
  db.$client.pragma('secure_delete = ON');
  // One SQLite transaction on the one connection: the helpers below take the Db.
  return db.transaction(() => {
    const ids = matchingIdentityIds(db, request, secret);
    const rows = ids.length > 0 ? db.select().from(identities).where(inArray(identities.id, ids)).all() : [];
    const personIds = [...new Set(rows.map((r) => r.personId).filter((id): id is number => id !== null))];
    const people = personIds.length > 0 ? db.select().from(persons).where(inArray(persons.id, personIds)).all() : [];

    const requestId = (db.get<{ n: number | null }>(sql`SELECT max(request_id) AS n FROM forgotten_subjects`)?.n ?? 0) + 1;
    const keys = new Set<string>();
    const remember = (kind: 'email' | 'login' | 'name', keyHash: string) => {
      if (!keyHash || keys.has(`${kind}\0${keyHash}`)) return;
      keys.add(`${kind}\0${keyHash}`);
      db.insert(forgottenSubjects)
        .values({ kind, keyHash, requestId, createdAt: Math.floor(Date.now() / 1000) })
        .onConflictDoNothing()
        .run();
    };
    if ('email' in request) remember('email', forgetKey('email', request.email, secret));
    else if ('login' in request) remember('login', loginKey(request.forge, request.login, secret));
    else remember('name', forgetKey('name', request.name, secret));
    for (const r of rows) {
      if (r.emailHash && !r.emailHash.startsWith(FORGOTTEN_MARK)) remember('email', r.emailHash);
      if (r.login && !r.login.startsWith(FORGOTTEN_MARK)) remember('login', loginKey(r.source, r.login, secret));
    }

    for (const r of rows) {
      const target = forgottenIdentity(db, requestId, r.source);
      db.update(commits).set({ authorIdentityId: target }).where(eq(commits.authorIdentityId, r.id)).run();
      db.update(items).set({ authorIdentityId: target }).where(eq(items.authorIdentityId, r.id)).run();
      db.update(items).set({ closedByIdentityId: target }).where(eq(items.closedByIdentityId, r.id)).run();
      db.update(comments).set({ authorIdentityId: target }).where(eq(comments.authorIdentityId, r.id)).run();
      db.update(releases).set({ authorIdentityId: target }).where(eq(releases.authorIdentityId, r.id)).run();
      db.delete(accountAffiliations).where(eq(accountAffiliations.identityId, r.id)).run();
    }
    // Their rows of the monthly counts (an identity without person by the negative of its id); derive,
    // which follows, counts the contributions again under the anonymous identity.
    const counted = [...personIds, ...rows.filter((r) => r.personId === null).map((r) => -r.id)];
    if (counted.length > 0) db.delete(organisationPersonMonths).where(inArray(organisationPersonMonths.personId, counted)).run();
    if (ids.length > 0) db.delete(identities).where(inArray(identities.id, ids)).run();
    if (personIds.length > 0) db.delete(persons).where(inArray(persons.id, personIds)).run();
    const names = people.flatMap((p) => [p.pseudonym, p.displayName]).filter((n) => n && n !== FORGOTTEN_NAME);
    const snapshots = scrubSnapshots(db, [...new Set(names)]);
    return { identities: ids.length, persons: people.length, snapshots };
  });
}

/**
 * After forgetting and re-deriving: the file is rebuilt (VACUUM), because older versions of the
 * person's rows — left in free space by earlier updates, before secure_delete was on — would
 * otherwise stay readable in it; then the WAL's copies of old pages go too. Takes time and free
 * disk space in proportion to the database's size.
 */
export function flushForgotten(db: Db): void {
  db.$client.exec('VACUUM');
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
}
