/** Builds identity rows with jobs/store/identities.ts's own row function, for the identity tests. */
import { commitAuthorIdentity } from '../../jobs/store/identities';
import { describeEmail } from '../../src/lib/identity/email';
import type { IdentityRow } from '../../src/lib/identity/resolve';

export const SECRET = Buffer.alloc(32, 7);

let nextId = 1;

export function resetIds(): void {
  nextId = 1;
}

/** A commit author (name, email). */
export function author(name: string, email: string, id = nextId++): IdentityRow {
  return { id, ...commitAuthorIdentity(name, describeEmail(email, SECRET)), forgeBot: false };
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
