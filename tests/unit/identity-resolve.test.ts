import { beforeEach, describe, expect, it } from 'vitest';
import { resolvePersons, type IdentityRow, type Resolution } from '../../src/lib/identity/resolve';
import { noPeopleRules, preparePeopleRules, type PeopleRules } from '../../src/lib/identity/rules';
import { account, author, resetIds, SECRET } from './identity-helpers';

const RULES = noPeopleRules(SECRET);

function rules(people: Partial<{ aliases: string[][]; bots: string[]; notBots: string[] }> = {}): PeopleRules {
  return preparePeopleRules({ aliases: people.aliases ?? [], bots: people.bots ?? [], notBots: people.notBots ?? [] }, SECRET);
}

/** Whether the identities with these ids are one person. */
function together(res: Resolution, ...ids: number[]): boolean {
  const first = res.personIndexByIdentity.get(ids[0]);
  return ids.every((id) => res.personIndexByIdentity.get(id) === first);
}

function personOf(res: Resolution, id: number) {
  return res.persons[res.personIndexByIdentity.get(id)!];
}

beforeEach(() => resetIds());

describe('rule 1: equal emails', () => {
  it('joins equal emails after trim and lowercase', () => {
    const a = author('Anna Schmidt', 'Anna.Schmidt@ulm.de');
    const b = author('A. S.', '  anna.schmidt@ULM.DE ');
    const c = author('Someone Else', 'other@ulm.de');
    const res = resolvePersons([a, b, c], RULES);
    expect(together(res, a.id, b.id)).toBe(true);
    expect(together(res, a.id, c.id)).toBe(false);
    expect(res.persons).toHaveLength(2);
  });

  it.each([
    'root@localhost',
    'admin@x.de',
    'user@example.com',
    'you@example.com',
    'git@firma.de',
    'ubuntu@server.de',
    'noreply@github.com',
    'max@host',
    'max@laptop.local',
    'max@pc.localdomain',
    'root@localhost.localdomain',
    'max@pc.localhost',
    'max@example.org',
    'kein-at-zeichen'
  ])('never joins by the generic email %s', (email) => {
    const a = author('Erika Musterfrau', email);
    const b = author('Hans Meier', email);
    const res = resolvePersons([a, b], RULES);
    expect(together(res, a.id, b.id)).toBe(false);
  });

  it('never joins identities without an email', () => {
    const a = author('Erika', '');
    const b = author('Hans', '');
    expect(resolvePersons([a, b], RULES).persons).toHaveLength(2);
  });
});

describe('rule 2: GitHub noreply addresses', () => {
  it('joins id+login and plain login noreply addresses and the GitHub account', () => {
    const a = author('J. Doe', '123+jdoe@users.noreply.github.com');
    const b = author('jd', 'JDoe@users.noreply.github.com');
    const c = account('github', 'jdoe', 'Jane Doe');
    const res = resolvePersons([a, b, c], RULES);
    expect(together(res, a.id, b.id, c.id)).toBe(true);
    expect(res.persons).toHaveLength(1);
  });

  it('joins noreply addresses with the same id after a rename', () => {
    const a = author('x1', '123+oldname@users.noreply.github.com');
    const b = author('x2', '123+newname@users.noreply.github.com');
    const c = author('x3', '124+newname2@users.noreply.github.com');
    const res = resolvePersons([a, b, c], RULES);
    expect(together(res, a.id, b.id)).toBe(true);
    expect(together(res, a.id, c.id)).toBe(false);
  });

  it('joins a noreply id to the GitHub account with that user id where known', () => {
    const a = author('x', '99+renamed@users.noreply.github.com');
    const c = account('github', 'current-login', '', { forgeUserId: '99' });
    expect(together(resolvePersons([a, c], RULES), a.id, c.id)).toBe(true);
  });

  it('does not join a noreply login to an account of the same login on another forge', () => {
    const a = author('x', 'jdoe@users.noreply.github.com');
    const c = account('opencode', 'jdoe', 'Jemand Anderes');
    expect(together(resolvePersons([a, c], RULES), a.id, c.id)).toBe(false);
  });

  it('honours other GitHub forge ids when told', () => {
    const a = author('x', 'jdoe@users.noreply.github.com');
    const c = account('ghe', 'jdoe');
    expect(together(resolvePersons([a, c], RULES, { githubSources: ['github', 'ghe'] }), a.id, c.id)).toBe(true);
  });
});

describe('rule 3: login equals name', () => {
  it('joins a forge login with a commit author of that name', () => {
    const a = account('opencode', 'MMuster', 'Max Muster');
    const b = author(' mmuster ', 'max@privat.example.de');
    expect(together(resolvePersons([a, b], RULES), a.id, b.id)).toBe(true);
  });

  it('joins a noreply login with a commit author of that name', () => {
    const a = author('Jane Doe', '5+jdoe@users.noreply.github.com');
    const b = author('jdoe', 'jane@firma.de');
    expect(together(resolvePersons([a, b], RULES), a.id, b.id)).toBe(true);
  });

  it('does not match generic names', () => {
    const login = account('github', 'admin');
    const a = author('admin', 'a@stadt-a.de');
    const b = author('Admin', 'b@stadt-b.de');
    const res = resolvePersons([login, a, b], RULES);
    expect(together(res, a.id, b.id)).toBe(false);
    expect(together(res, login.id, a.id)).toBe(false);
  });
});

describe('rule 4: equal significant names', () => {
  it('joins NFC and NFD spellings and transliterations', () => {
    const a = author('Jürgen Müller'.normalize('NFC'), 'jm@ulm.de');
    const b = author('Jürgen Müller'.normalize('NFD'), 'juergen@gmail.com');
    const c = author('juergen.mueller', 'jm@privat.de');
    const d = author('Juergen_Mueller', 'jm@other.de');
    const res = resolvePersons([a, b, c, d], RULES);
    expect(together(res, a.id, b.id, c.id, d.id)).toBe(true);
  });

  it('joins one-word names of five characters or more', () => {
    const a = author('mustermann', 'a@x.de');
    const b = author('Mustermann', 'b@y.de');
    expect(together(resolvePersons([a, b], RULES), a.id, b.id)).toBe(true);
  });

  it('never joins one-word names shorter than five characters', () => {
    const a = author('max', 'a@x.de');
    const b = author('Max', 'b@y.de');
    const c = author('jdoe', 'c@y.de');
    const d = author('jdoe', 'd@y.de');
    const res = resolvePersons([a, b, c, d], RULES);
    expect(res.persons).toHaveLength(4);
  });

  it.each([
    'admin',
    'Administrator',
    'root',
    'ubuntu',
    'Unknown',
    'localhost',
    'developer',
    'GitHub',
    'gitlab',
    'nobody',
    'local',
    'users',
    'default'
  ])('never joins by the generic name %s', (name) => {
    const a = author(name, 'a@stadt-a.de');
    const b = author(name, 'b@stadt-b.de');
    expect(together(resolvePersons([a, b], RULES), a.id, b.id)).toBe(false);
  });

  it('never joins by the placeholder "Your Name"', () => {
    const a = author('Your Name', 'a@stadt-a.de');
    const b = author('Your Name', 'b@stadt-b.de');
    expect(together(resolvePersons([a, b], RULES), a.id, b.id)).toBe(false);
  });

  it('never joins identities without a name', () => {
    const a = account('github', 'a1');
    const b = account('github', 'b1');
    expect(resolvePersons([a, b], RULES).persons).toHaveLength(2);
  });
});

describe('transitivity', () => {
  it('chains rules across identities', () => {
    // email → name → noreply login → GitHub account → forge display name
    const a = author('Petra Schulze', 'petra@ulm.de');
    const b = author('P. Schulze', 'petra@ulm.de');
    const c = author('P. Schulze', '77+pschulze@users.noreply.github.com');
    const d = account('github', 'PSchulze', '');
    const e = account('opencode', 'petra.s', 'Petra Schulze');
    const stranger = author('Petra', 'petra@dortmund.de');
    const res = resolvePersons([a, b, c, d, e, stranger], RULES);
    expect(together(res, a.id, b.id, c.id, d.id, e.id)).toBe(true);
    expect(together(res, a.id, stranger.id)).toBe(false);
    expect(res.persons).toHaveLength(2);
  });

  it('does not depend on the order of the identities', () => {
    const rows = [
      author('Petra Schulze', 'petra@ulm.de'),
      author('P. Schulze', 'petra@ulm.de'),
      author('P. Schulze', '77+pschulze@users.noreply.github.com'),
      account('github', 'pschulze'),
      author('Hans', 'hans@ulm.de')
    ];
    const forward = resolvePersons(rows, RULES);
    const backward = resolvePersons([...rows].reverse(), RULES);
    expect(backward.persons).toEqual(forward.persons);
  });
});

describe('rule 5: catalog aliases', () => {
  it('joins emails the catalog names, applied before and together with the other rules', () => {
    const a = author('Alice A', 'alice@old.example.de');
    const b = author('Alice B', 'ALICE@new.example.de');
    const c = author('Alice B', 'alice.b@gmail.com');
    const res = resolvePersons([a, b, c], rules({ aliases: [['alice@old.example.de', 'alice@new.example.de']] }));
    expect(together(res, a.id, b.id, c.id)).toBe(true);
    expect(together(resolvePersons([a, b, c], RULES), a.id, b.id)).toBe(false);
  });

  it('joins names and logins the catalog names, even short ones', () => {
    const a = author('Bob', 'bob@ulm.de');
    const b = account('opencode', 'bobby');
    const c = account('github', 'rob-z');
    const res = resolvePersons([a, b, c], rules({ aliases: [['Bob', 'bobby', 'github:Rob-Z']] }));
    expect(together(res, a.id, b.id, c.id)).toBe(true);
  });

  it('a forge:login entry only matches that forge', () => {
    const a = account('github', 'rob');
    const b = account('opencode', 'rob');
    const c = author('Robert Zett', 'rz@ulm.de');
    const res = resolvePersons([a, b, c], rules({ aliases: [['github:rob', 'rz@ulm.de']] }));
    expect(together(res, a.id, c.id)).toBe(true);
    expect(together(res, b.id, c.id)).toBe(false);
  });
});

describe('bots', () => {
  it('marks a person a bot by name, login, email or forge flag', () => {
    const rows: IdentityRow[] = [
      author('dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'),
      author('github-actions', 'github-actions@github.com'),
      author('Renovate Bot', 'bot@renovateapp.com'),
      account('github', 'some-app', 'Some App', { forgeBot: true }),
      account('opencode', 'project_12_bot'),
      author('CI', 'ci[bot]@ulm.de'),
      author('Max Mustermann', 'max@ulm.de')
    ];
    const res = resolvePersons(rows, RULES);
    expect(rows.map((r) => personOf(res, r.id).isBot)).toEqual([true, true, true, true, true, true, false]);
  });

  it('applies the login rules to forge logins, noreply logins and one-word author names', () => {
    const rows: IdentityRow[] = [
      account('github', 'pytorchbot'),
      account('opencode', 'akka-ci', 'Akka'),
      author('Max Mustermann', '12+build-server@users.noreply.github.com'),
      author('flinkbot', 'flink@ulm.de'),
      author('Sarah Jenkins', 'sarah@ulm.de'),
      account('github', 'jtalbot', 'J. Talbot')
    ];
    const res = resolvePersons(rows, RULES);
    expect(rows.map((r) => personOf(res, r.id).isBot)).toEqual([true, true, true, true, false, false]);
  });

  it('joins a bot commit identity with its GitHub account', () => {
    const a = author('github-actions[bot]', '41898282+github-actions[bot]@users.noreply.github.com');
    const b = account('github', 'github-actions[bot]', '', { forgeBot: true });
    const res = resolvePersons([a, b], RULES);
    expect(together(res, a.id, b.id)).toBe(true);
    expect(personOf(res, a.id).isBot).toBe(true);
    expect(personOf(res, a.id).pseudonym).toMatch(/^Bot [0-9A-F]{6}$/);
  });

  it('one bot identity makes the whole person a bot', () => {
    const a = author('Deploy Robot', 'deploy@ulm.de');
    const b = author('Deploy', 'deploy@ulm.de');
    const res = resolvePersons([a, b], RULES);
    expect(together(res, a.id, b.id)).toBe(true);
    expect(personOf(res, b.id).isBot).toBe(true);
  });

  it('people.bots adds bots by email, name or login', () => {
    const a = author('CI User', 'ci-user@example.org.de');
    const b = author('Nachtlauf', 'nacht@ulm.de');
    const c = account('opencode', 'deployer');
    const d = author('Max Mustermann', 'max@ulm.de');
    const res = resolvePersons([a, b, c, d], rules({ bots: ['ci-user@example.org.de', 'Nachtlauf', 'deployer'] }));
    expect([a, b, c, d].map((r) => personOf(res, r.id).isBot)).toEqual([true, true, true, false]);
  });

  it('people.notBots overrides every bot rule', () => {
    const a = author('Roboter Müller', 'rm@ulm.de');
    const b = author('Anna Roboter', 'anna@ulm.de');
    const c = author('Anna Roboter', 'anna@gmail.com');
    const res = resolvePersons([a, b, c], rules({ notBots: ['Anna Roboter'], bots: ['anna@gmail.com'] }));
    expect(personOf(res, a.id).isBot).toBe(false);
    expect(personOf(res, b.id).isBot).toBe(false);
    expect(together(res, b.id, c.id)).toBe(true);
    expect(resolvePersons([b], RULES).persons[0].isBot).toBe(true);
  });
});

describe('person output', () => {
  it('has a stable key from the oldest identity (first contribution), kept as identities join', () => {
    const a = { ...author('Anna Schmidt', 'anna@ulm.de', 10), firstSeenAt: 1_500_000_000 };
    const before = resolvePersons([a], RULES).persons[0];
    const b = { ...author('Anna Schmidt', 'anna.schmidt@gmail.com', 11), firstSeenAt: 1_600_000_000 };
    const c = { ...account('github', 'aschmidt', 'Anna Schmidt', {}, 12), firstSeenAt: 1_700_000_000 };
    const after = resolvePersons([c, b, a], RULES).persons;
    expect(after).toHaveLength(1);
    expect(after[0].key).toBe(before.key);
    expect(after[0].pseudonym).toBe(before.pseudonym);
    expect(after[0].identityIds).toEqual([10, 11, 12]);
    expect(before.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same persons, keys, pseudonyms and names whatever order the identities were stored in', () => {
    const facts = (): IdentityRow[] => [
      { ...author('Anna Schmidt', 'anna@ulm.de'), firstSeenAt: 1_500_000_000 },
      { ...author('Anna Schmidt', 'anna.schmidt@gmail.com'), firstSeenAt: 1_600_000_000 },
      { ...account('github', 'aschmidt', 'A. Schmidt'), firstSeenAt: null },
      { ...author('Bernd Bauer', 'bernd@ulm.de'), firstSeenAt: 1_550_000_000 },
      { ...author('bernd', 'bernd@ulm.de'), firstSeenAt: 1_550_000_000 },
      { ...author('Carla Cohn', 'carla@web.de'), firstSeenAt: null }
    ];
    const view = (rows: IdentityRow[]) =>
      resolvePersons(rows, RULES)
        .persons.map((p) => [p.key, p.pseudonym, p.displayName, p.identityIds.map((id) => rows.find((r) => r.id === id)!.name).sort()])
        .sort();
    // A resumed collection stores the same identities in another order, with other ids.
    const first = facts().map((r, i) => ({ ...r, id: i + 1 }));
    const resumed = facts()
      .reverse()
      .map((r, i) => ({ ...r, id: 100 + i * 7 }));
    expect(view(resumed)).toEqual(view(first));
  });

  it('depends on the secret, so keys cannot be recomputed from a login', () => {
    const a = account('github', 'jdoe');
    const other = preparePeopleRules(undefined, Buffer.alloc(32, 9));
    expect(resolvePersons([a], RULES).persons[0].key).not.toBe(resolvePersons([a], other).persons[0].key);
  });

  it('gives German-friendly, unique pseudonyms', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => author(`Person Nummer ${i}`, `p${i}@ulm.de`));
    const res = resolvePersons(rows, RULES);
    const pseudonyms = res.persons.map((p) => p.pseudonym);
    expect(new Set(pseudonyms).size).toBe(3000);
    for (const p of pseudonyms) expect(p).toMatch(/^Person [0-9A-F]{6,}$/);
  });

  it('shows the most frequent human name, in its most name-like spelling', () => {
    const rows = [
      author('juergen.mueller', 'jm@ulm.de'),
      author('Jürgen Müller', 'jm@ulm.de'),
      author('Jürgen Müller', 'jm@gmail.com'),
      author('JM', 'jm@ulm.de'),
      author('Jürgen Müller', '12+jmueller@users.noreply.github.com'),
      account('github', 'jmueller', '')
    ];
    const res = resolvePersons(rows, RULES);
    expect(res.persons).toHaveLength(1);
    expect(res.persons[0].displayName).toBe('Jürgen Müller');
  });

  it('prefers the longer name on a tie and falls back to the login', () => {
    const res = resolvePersons([author('Jo', 'jo@ulm.de'), author('Johanna Meier', 'jo@ulm.de')], RULES);
    expect(res.persons[0].displayName).toBe('Johanna Meier');
    const loginOnly = resolvePersons([account('github', 'jomei')], RULES);
    expect(loginOnly.persons[0].displayName).toBe('jomei');
    const nothing = resolvePersons([author('', 'x@ulm.de')], RULES);
    expect(nothing.persons[0].displayName).toBe(nothing.persons[0].pseudonym);
  });
});

describe('scale', () => {
  it('resolves 200,000 identities correctly', () => {
    // 50,000 people, each with four identities joined by different rules:
    // commit author with work email, same email with a name variant (rule 1),
    // noreply address (rule 4 by name), GitHub account (rule 2/3 by noreply login).
    const rows: IdentityRow[] = [];
    const people = 50_000;
    for (let p = 0; p < people; p++) {
      const name = `Vorname${p} Nachname${p}`;
      rows.push(author(name, `p${p}@stadt${p % 400}.de`));
      rows.push(author(`V${p}`, `P${p}@STADT${p % 400}.DE`));
      rows.push(author(name.toLowerCase().replace(' ', '.'), `${p + 1000}+user${p}@users.noreply.github.com`));
      rows.push(account('github', `User${p}`, ''));
    }
    // plus noise that must never join: generic emails and names
    const res = resolvePersons(rows, RULES);
    expect(res.persons).toHaveLength(people);
    for (const probe of [0, 1, 4_999, 31_337, people - 1]) {
      const ids = rows.slice(probe * 4, probe * 4 + 4).map((r) => r.id);
      expect(together(res, ...ids)).toBe(true);
      expect(personOf(res, ids[0]).displayName).toBe(`Vorname${probe} Nachname${probe}`);
    }
    expect(res.persons.every((p) => p.identityIds.length === 4 && !p.isBot)).toBe(true);
    expect(new Set(res.persons.map((p) => p.pseudonym)).size).toBe(people);
  });

  it('keeps 200,000 generic identities apart', () => {
    const rows: IdentityRow[] = [];
    for (let i = 0; i < 100_000; i++) rows.push(author('admin', 'root@localhost'));
    for (let i = 0; i < 100_000; i++) rows.push(author(`dev${i % 10}`, `user${i}@host`));
    const res = resolvePersons(rows, RULES);
    expect(res.persons).toHaveLength(200_000);
  });
});

describe('rule 3 at scale', () => {
  it('stays linear when many identities share a login and a name', () => {
    const rows: IdentityRow[] = [];
    for (let i = 0; i < 20_000; i++) rows.push(author('jdoe', `jdoe${i}@firma${i}.de`));
    for (let i = 0; i < 20_000; i++) rows.push(author(`J ${i}`, `${i}+jdoe@users.noreply.github.com`));
    rows.push(account('github', 'jdoe'));
    rows.push(author('maxi', 'maxi@a.de'), author('maxi', 'maxi@b.de'), account('opencode', 'lonely'), account('github', 'lonely'));
    const res = resolvePersons(rows, RULES);
    // all of jdoe's identities are one person; the two "maxi" and the two "lonely" stay apart
    expect(res.persons).toHaveLength(5);
  });
});
