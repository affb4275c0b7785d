/**
 * Which repositories of the world protect their default branch (the openCode Security badge): a
 * believable minority, decided by a hash of the path so that the world's random sequence stays as
 * it was. GitHub: about one in eight primary repositories under classic branch protection (whose
 * force-push setting only admins see), one in ten under a ruleset (most of them blocking force
 * pushes); GitLab/OpenCoDE, where new projects protect their default branch by default, about a
 * third protected, force pushes blocked unless a few allow them, some refusing their protected-branch
 * settings to the collector's token, a few letting developers push.
 */
import type { WorldRepository } from './model';

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function protectionOf(r: { forge: string; path: string; role: string; archived: boolean }): WorldRepository['protection'] {
  if (r.role !== 'primary' || r.archived) return undefined;
  const h = hash(`protection:${r.path}`) % 100;
  if (r.forge === 'github') {
    if (h < 12) return { via: 'classic', forcePushBlocked: true };
    if (h < 22) return { via: 'ruleset', forcePushBlocked: h < 19 };
    return undefined;
  }
  if (r.forge === 'gitlab' && h < 35)
    return {
      via: 'protected-branch',
      forcePushBlocked: h >= 3,
      settingsHidden: h % 5 === 0,
      ...(h % 7 === 0 ? { pushAccessLevel: 30 } : {})
    };
  return undefined;
}
