/**
 * What the identity rules need to know about an email, computed once at collection time, so that
 * the email itself never has to be stored (DESIGN §5 "Privacy"): a keyed hash, the domain, whether
 * it is generic, the GitHub noreply id/login, and whether it is a known bot address.
 */
import { createHmac } from 'node:crypto';

export interface EmailFacts {
  /** HMAC-SHA256 (hex) of the trimmed, lowercased email; '' for an empty email. */
  hash: string;
  domain: string | null;
  generic: boolean;
  noreplyId: string | null;
  noreplyLogin: string | null;
  bot: boolean;
}

const GENERIC_LOCAL_PARTS = new Set(['root', 'admin', 'user', 'you', 'noreply', 'no-reply', 'git', 'ubuntu']);
const GENERIC_DOMAINS = new Set(['localhost', 'localdomain', 'example.com', 'example.org', 'example.net']);
const BOT_ADDRESSES = new Set([
  'github-actions@github.com',
  'action@github.com',
  'support@dependabot.com',
  'bot@renovateapp.com',
  'noreply@weblate.org',
  'bot@depfu.com'
]);
const NOREPLY = /^(?:(\d+)\+)?([^@+]+)@users\.noreply\.github\.com$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function hashEmail(email: string, secret: Buffer): string {
  const normalised = normaliseEmail(email);
  return normalised ? createHmac('sha256', secret).update(normalised).digest('hex') : '';
}

/** DESIGN §5 rule 1: an email that must never join two identities. */
export function isGenericEmail(email: string): boolean {
  const e = normaliseEmail(email);
  const at = e.lastIndexOf('@');
  if (at < 0) return true;
  const local = e.slice(0, at);
  const domain = e.slice(at + 1);
  if (e === 'noreply@github.com') return true;
  if (GENERIC_LOCAL_PARTS.has(local)) return true;
  // Unconfigured machines write user@host.localdomain or user@host.localhost: generic like the bare names.
  if (
    GENERIC_DOMAINS.has(domain) ||
    domain.endsWith('.local') ||
    domain.endsWith('.localdomain') ||
    domain.endsWith('.localhost') ||
    !domain.includes('.')
  ) {
    return true;
  }
  return false;
}

export function isBotEmail(email: string): boolean {
  const e = normaliseEmail(email);
  return BOT_ADDRESSES.has(e) || e.includes('[bot]');
}

export function describeEmail(email: string, secret: Buffer): EmailFacts {
  const e = normaliseEmail(email);
  const at = e.lastIndexOf('@');
  const noreply = NOREPLY.exec(e);
  return {
    hash: hashEmail(e, secret),
    domain: at >= 0 && at < e.length - 1 ? e.slice(at + 1) : null,
    generic: isGenericEmail(e),
    noreplyId: noreply?.[1] ?? null,
    noreplyLogin: noreply?.[2] ?? null,
    bot: isBotEmail(e)
  };
}
