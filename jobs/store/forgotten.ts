/**
 * Forgotten persons (DSGVO Art. 17, `allmende forget`): the requests kept as keyed hashes. The
 * identity store asks here before it creates an identity and maps a forgotten author to the request's
 * anonymous identity (identities.ts `forgottenIdentity`), so that they stay forgotten in later
 * collections.
 */
import { createHmac } from 'node:crypto';
import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { forgottenSubjects } from '../../db/schema';
import { hashEmail } from '../../src/lib/identity/email';

export type ForgetKind = 'email' | 'login' | 'name';

/** The anonymous identity's display name. */
export const FORGOTTEN_NAME = 'gelöschte Person';
/** Marks the anonymous identities (their email hash or login): they are never forgotten again. */
export const FORGOTTEN_MARK = 'gelöscht-';

export const normaliseName = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** The keyed hash a forgotten subject is kept as; an email's is the identity's own email hash. */
export function forgetKey(kind: ForgetKind, value: string, secret: Buffer): string {
  if (kind === 'email') return hashEmail(value, secret);
  const normalised = kind === 'name' ? normaliseName(value) : value.trim().toLowerCase();
  return normalised ? createHmac('sha256', secret).update(`${kind}\0${normalised}`).digest('hex') : '';
}

/** Login keys carry the forge: `opencode:jdoe` is not `github:jdoe`. */
export const loginKey = (forge: string, login: string, secret: Buffer) => forgetKey('login', `${forge}:${login}`, secret);

/** The request a subject was forgotten by, or null. */
export function forgottenRequest(db: Db, keys: readonly { kind: ForgetKind; keyHash: string }[]): number | null {
  const wanted = keys.filter((k) => k.keyHash);
  if (wanted.length === 0) return null;
  const row = db
    .select({ requestId: forgottenSubjects.requestId })
    .from(forgottenSubjects)
    .where(or(...wanted.map((k) => and(eq(forgottenSubjects.kind, k.kind), eq(forgottenSubjects.keyHash, k.keyHash)))))
    .get();
  return row?.requestId ?? null;
}

export function hasForgottenSubjects(db: Db): boolean {
  return db.select({ id: forgottenSubjects.requestId }).from(forgottenSubjects).limit(1).all().length > 0;
}
