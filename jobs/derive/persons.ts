/**
 * Rebuilding the persons table from the identities (DESIGN §5), in one transaction: every identity
 * is resolved afresh (the rules may have changed, new identities may join persons together), person
 * rows are upserted by their stable key so that a person keeps its id while its key is unchanged,
 * identities.person_id is pointed at the new rows, and persons no longer produced are deleted.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { identities, persons } from '../../db/schema';
import type { Catalog } from '../../src/lib/catalog/load';
import { resolvePersons, type IdentityRow, type ResolveOptions } from '../../src/lib/identity/resolve';
import { preparePeopleRules } from '../../src/lib/identity/rules';

export interface RebuildPersonsResult {
  persons: number;
  bots: number;
}

export function rebuildPersons(
  db: Db,
  catalog: Pick<Catalog, 'people'>,
  secret: Buffer,
  options: ResolveOptions = {}
): RebuildPersonsResult {
  const rules = preparePeopleRules(catalog.people, secret);
  return db.transaction((tx) => {
    const rows: (IdentityRow & { personId: number | null })[] = tx
      .select({
        id: identities.id,
        source: identities.source,
        name: identities.name,
        login: identities.login,
        emailHash: identities.emailHash,
        emailDomain: identities.emailDomain,
        emailGeneric: identities.emailGeneric,
        noreplyId: identities.noreplyId,
        noreplyLogin: identities.noreplyLogin,
        emailBot: identities.emailBot,
        forgeBot: identities.forgeBot,
        forgeUserId: identities.forgeUserId,
        personId: identities.personId,
        // The first contribution, through the author indexes of commits, items and comments.
        firstSeenAt: sql<number | null>`min(
          coalesce((SELECT min(author_date) FROM commits WHERE author_identity_id = ${identities.id}), 9e18),
          coalesce((SELECT min(created_at) FROM items WHERE author_identity_id = ${identities.id}), 9e18),
          coalesce((SELECT min(created_at) FROM comments WHERE author_identity_id = ${identities.id}), 9e18)
        )`
      })
      .from(identities)
      .all()
      .map((r) => ({ ...r, firstSeenAt: r.firstSeenAt !== null && r.firstSeenAt < 9e18 ? r.firstSeenAt : null }));
    const resolution = resolvePersons(rows, rules, options);

    const existing = new Map(
      tx
        .select({ id: persons.id, key: persons.key, pseudonym: persons.pseudonym, displayName: persons.displayName, isBot: persons.isBot })
        .from(persons)
        .all()
        .map((p) => [p.key, p])
    );

    const insertPerson = tx
      .insert(persons)
      .values({
        key: sql.placeholder('key'),
        pseudonym: sql.placeholder('pseudonym'),
        displayName: sql.placeholder('displayName'),
        isBot: sql.placeholder('isBot')
      })
      .returning({ id: persons.id })
      .prepare();
    const updatePerson = tx
      .update(persons)
      .set({
        pseudonym: sql`${sql.placeholder('pseudonym')}`,
        displayName: sql`${sql.placeholder('displayName')}`,
        isBot: sql`${sql.placeholder('isBot')}`
      })
      .where(eq(persons.id, sql.placeholder('id')))
      .prepare();
    // [identity id, person id] pairs, many per statement. Within derive's transaction this one is a
    // SAVEPOINT, and there, with temp_store = MEMORY (db/index.ts), each statement cost more than the
    // one before it: one UPDATE per identity took 27 s for the 70,000 identities of a first derive at
    // country scale, 0.2 s this way.
    const setPersons = db.$client.prepare(
      `UPDATE identities SET person_id = m.value ->> 1 FROM json_each(?) m WHERE identities.id = m.value ->> 0`
    );

    const personIds: number[] = [];
    let bots = 0;
    for (const person of resolution.persons) {
      if (person.isBot) bots++;
      const old = existing.get(person.key);
      if (old) {
        if (old.pseudonym !== person.pseudonym || old.displayName !== person.displayName || old.isBot !== person.isBot) {
          updatePerson.run({ id: old.id, pseudonym: person.pseudonym, displayName: person.displayName, isBot: person.isBot ? 1 : 0 });
        }
        existing.delete(person.key);
        personIds.push(old.id);
      } else {
        const inserted = insertPerson.get({
          key: person.key,
          pseudonym: person.pseudonym,
          displayName: person.displayName,
          isBot: person.isBot ? 1 : 0
        }) as { id: number };
        personIds.push(inserted.id);
      }
    }

    const changed: [number, number][] = [];
    for (const row of rows) {
      const personId = personIds[resolution.personIndexByIdentity.get(row.id)!];
      if (row.personId !== personId) changed.push([row.id, personId]);
    }
    for (let k = 0; k < changed.length; k += 10_000) setPersons.run(JSON.stringify(changed.slice(k, k + 10_000)));

    // What is left of the old rows was not produced this time: merged into others, or gone.
    const orphans = [...existing.values()].map((p) => p.id);
    for (let k = 0; k < orphans.length; k += 500)
      tx.delete(persons)
        .where(inArray(persons.id, orphans.slice(k, k + 500)))
        .run();

    return { persons: resolution.persons.length, bots };
  });
}
