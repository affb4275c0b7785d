/** Builds identity rows the way jobs/store/identities.ts does, for the identity tests. */
import { describeEmail } from '../../src/lib/identity/email';
import type { IdentityRow } from '../../src/lib/identity/resolve';

export const SECRET = Buffer.alloc(32, 7);

let nextId = 1;

export function resetIds(): void {
  nextId = 1;
}

/** A commit author (name, email). */
export function author(name: string, email: string, id = nextId++): IdentityRow {
  const facts = describeEmail(email, SECRET);
  return {
    id,
    source: 'git',
    name: name.trim(),
    login: '',
    emailHash: facts.hash,
    emailDomain: facts.domain,
    emailGeneric: facts.generic,
    noreplyId: facts.noreplyId,
    noreplyLogin: facts.noreplyLogin,
    emailBot: facts.bot,
    forgeBot: false
  };
}

/** A forge account. */
export function account(source: string, login: string, name = '', extra: Partial<IdentityRow> = {}, id = nextId++): IdentityRow {
  return {
    id,
    source,
    name,
    login,
    emailHash: '',
    emailDomain: null,
    emailGeneric: false,
    noreplyId: null,
    noreplyLogin: null,
    emailBot: false,
    forgeBot: false,
    ...extra
  };
}
