import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/index';
import { identities, persons } from '../../db/schema';
import { IdentityStore } from '../../jobs/store/identities';
import { rebuildPersons } from '../../jobs/derive/persons';
import { SECRET } from './identity-helpers';

const NO_RULES = { people: { aliases: [], bots: [], notBots: [] } };

let dir: string;
let db: Db;
let store: IdentityStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'allmende-persons-'));
  db = openDatabase(join(dir, 'test.db'));
  store = new IdentityStore(db, SECRET);
});

afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

function personIdOf(identityId: number): number | null {
  return db.select({ p: identities.personId }).from(identities).where(eq(identities.id, identityId)).get()!.p;
}

describe('rebuildPersons', () => {
  it('writes persons and points identities at them', () => {
    const a = store.commitAuthor('Jürgen Müller', 'jm@ulm.de');
    const b = store.commitAuthor('juergen.mueller', '12+jmueller@users.noreply.github.com');
    const c = store.account('github', { login: 'jmueller', id: 12 });
    const bot = store.account('github', { login: 'dependabot[bot]', bot: true });
    const other = store.commitAuthor('Erika Musterfrau', 'erika@dortmund.de');

    expect(rebuildPersons(db, NO_RULES, SECRET)).toEqual({ persons: 3, bots: 1 });
    expect(personIdOf(a)).not.toBeNull();
    expect(personIdOf(a)).toBe(personIdOf(b));
    expect(personIdOf(a)).toBe(personIdOf(c));
    expect(personIdOf(other)).not.toBe(personIdOf(a));
    const rows = db.select().from(persons).all();
    expect(rows).toHaveLength(3);
    const jm = rows.find((p) => p.id === personIdOf(a))!;
    expect(jm.displayName).toBe('Jürgen Müller');
    expect(jm.pseudonym).toMatch(/^Person [0-9A-F]{6}$/);
    expect(jm.isBot).toBe(false);
    expect(rows.find((p) => p.id === personIdOf(bot))!.isBot).toBe(true);
    // Emails never reach the database.
    const dump = JSON.stringify(db.select().from(identities).all()) + JSON.stringify(rows);
    expect(dump).not.toMatch(/jm@ulm|erika@|12\+jmueller/);
  });

  it('keeps person ids stable, merges, and deletes orphans', () => {
    const a = store.commitAuthor('Anna Schmidt', 'anna@ulm.de');
    const b = store.account('opencode', { login: 'aschmidt', name: 'A. Schmidt' });
    const c = store.commitAuthor('Bernd Bauer', 'bernd@ulm.de');
    rebuildPersons(db, NO_RULES, SECRET);
    const annaId = personIdOf(a)!;
    const bId = personIdOf(b)!;
    const berndId = personIdOf(c)!;
    expect(annaId).not.toBe(bId);
    const before = db.select().from(persons).all();

    // Running again changes nothing.
    expect(rebuildPersons(db, NO_RULES, SECRET)).toEqual({ persons: 3, bots: 0 });
    expect(db.select().from(persons).all()).toEqual(before);

    // A new identity joins Anna and the account (rule 3 and rule 1): the older person survives.
    store.commitAuthor('aschmidt', 'anna@ulm.de');
    expect(rebuildPersons(db, NO_RULES, SECRET)).toEqual({ persons: 2, bots: 0 });
    expect(personIdOf(a)).toBe(annaId);
    expect(personIdOf(b)).toBe(annaId);
    expect(personIdOf(c)).toBe(berndId);
    const ids = db
      .select({ id: persons.id })
      .from(persons)
      .all()
      .map((p) => p.id)
      .sort();
    expect(ids).toEqual([annaId, berndId].sort());
  });

  it('applies the catalog rules: aliases, bots, notBots', () => {
    const a = store.commitAuthor('Alice', 'alice@old.example.de');
    const b = store.commitAuthor('Alice Neu', 'alice@new.example.de');
    const ci = store.commitAuthor('Nightly', 'ci-user@ulm.de');
    const rm = store.commitAuthor('Heinz Roboter', 'hr@ulm.de');
    const catalog = {
      people: { aliases: [['alice@old.example.de', 'alice@new.example.de']], bots: ['ci-user@ulm.de'], notBots: ['Heinz Roboter'] }
    };
    expect(rebuildPersons(db, catalog, SECRET)).toEqual({ persons: 3, bots: 1 });
    expect(personIdOf(a)).toBe(personIdOf(b));
    const isBot = (identityId: number) =>
      db
        .select()
        .from(persons)
        .where(eq(persons.id, personIdOf(identityId)!))
        .get()!.isBot;
    expect(isBot(ci)).toBe(true);
    expect(isBot(rm)).toBe(false);
    // Without the rules Heinz Roboter is a bot by name, and the bot flag is updated in place.
    const rmPerson = personIdOf(rm);
    expect(rebuildPersons(db, NO_RULES, SECRET)).toEqual({ persons: 4, bots: 1 });
    expect(personIdOf(rm)).toBe(rmPerson);
    expect(isBot(rm)).toBe(true);
    expect(isBot(ci)).toBe(false);
  });

  it('handles an empty database', () => {
    expect(rebuildPersons(db, NO_RULES, SECRET)).toEqual({ persons: 0, bots: 0 });
  });
});

describe('IdentityStore: the forge bot flag', () => {
  const forgeBot = (id: number) => db.select({ b: identities.forgeBot }).from(identities).where(eq(identities.id, id)).get()!.b;

  it('keeps the flag once any list calls the account a bot, within a run and across runs', () => {
    const id = store.account('opencode', { login: 'project_12_token', bot: false });
    expect(forgeBot(id)).toBe(false);
    expect(store.account('opencode', { login: 'project_12_token', bot: true })).toBe(id);
    expect(forgeBot(id)).toBe(true);
    expect(store.account('opencode', { login: 'project_12_token', bot: false })).toBe(id);
    const nextRun = new IdentityStore(db, SECRET);
    expect(nextRun.account('opencode', { login: 'project_12_token' })).toBe(id);
    expect(forgeBot(id)).toBe(true);
  });

  it('marks an account first seen as a bot', () => {
    expect(forgeBot(store.account('github', { login: 'some-app', bot: true }))).toBe(true);
    expect(forgeBot(store.account('github', { login: 'jmueller' }))).toBe(false);
  });
});
