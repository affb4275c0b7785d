/**
 * Tokens and what may leave a collector: tokens come from `process.env[forge.tokenEnv]` only and
 * are never logged, stored or put into an error message — everything a collector says goes
 * through `scrub`.
 */
import type { ResolvedForge } from '../../../src/lib/catalog/load';

/** The forge's token from the environment, or undefined (unauthenticated requests). */
export function forgeToken(forge: Pick<ResolvedForge, 'tokenEnv'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!forge.tokenEnv) return undefined;
  const value = env[forge.tokenEnv]?.trim();
  return value ? value : undefined;
}

const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)((?:token|bearer|basic)\s+)?[^\s"',}]+/gi, '$1$2[redacted]'],
  [/((?:private|job)-token["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1[redacted]'],
  [/([?&](?:access_token|private_token|token)=)[^&\s"']+/gi, '$1[redacted]']
];

/** Remove the given secrets and anything that looks like a credential header from a text. */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
