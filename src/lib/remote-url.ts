/**
 * Which git remotes allmende will hand to git. Remotes come from two untrusted places: the catalog
 * (`git:` repositories, forge `clone:` bases) and forge answers (GitHub `clone_url`, GitLab
 * `http_url_to_repo`, fork lists). git treats an argument that starts with "-" as an option
 * (`--upload-pack=…` runs a command) and `<transport>::<address>` as a remote helper (`ext::`
 * runs a command, `fd::` reads a file descriptor), so both are refused here, before git sees them;
 * the git layer also passes `--` before every remote and allows only these protocols
 * (jobs/collectors/git-process.ts).
 */

/** The protocols git may use, as named by git's `protocol.<name>.allow` (file covers local paths). */
export const ALLOWED_PROTOCOLS = ['https', 'http', 'ssh', 'git', 'file'] as const;

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** git's remote-helper syntax `<transport>::<address>`. */
const REMOTE_HELPER = /^[a-z][a-z0-9+.-]*::/i;
/** scp-like ssh: `[user@]host:path`, a colon before any slash (git's own rule). */
const SCP_LIKE = /^(?:[A-Za-z0-9._~-]+@)?[A-Za-z0-9.-]+:(?!\/\/)[^\s]+$/;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_LENGTH = 2048;

/**
 * Why `remote` must not reach git, in German, or null when it is a URL with an allowed protocol,
 * an scp-like ssh address or an absolute local path (which git reads as the file protocol).
 */
export function remoteProblem(remote: string): string | null {
  if (!remote) return 'ist leer';
  if (remote.length > MAX_LENGTH) return `ist länger als ${MAX_LENGTH} Zeichen`;
  if (CONTROL.test(remote)) return 'enthält Steuerzeichen';
  if (remote.startsWith('-')) return 'darf nicht mit „-“ beginnen (git läse es als Option)';
  if (REMOTE_HELPER.test(remote)) return 'nutzt einen git-Hilfsprotokoll-Aufruf („…::“), der nicht erlaubt ist';
  // A local path may contain spaces ("/srv/Meine Repos/x.git"); a URL or ssh address may not.
  if (remote.startsWith('/')) return null;
  if (/\s/.test(remote)) return 'enthält Leerzeichen';
  const scheme = URL_SCHEME.exec(remote)?.[1]?.toLowerCase();
  if (scheme) {
    if (!(ALLOWED_PROTOCOLS as readonly string[]).includes(scheme))
      return `nutzt das Protokoll „${scheme}“; erlaubt sind ${ALLOWED_PROTOCOLS.join(', ')}`;
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      return 'ist keine gültige URL';
    }
    if (url.password || (url.username && scheme !== 'ssh')) return 'enthält Zugangsdaten';
    if (scheme !== 'file' && !url.hostname) return 'nennt keinen Host';
    if (url.hostname.startsWith('-')) return 'nennt einen Host, der mit „-“ beginnt';
    return null;
  }
  if (SCP_LIKE.test(remote)) return null;
  return 'erwartet eine URL (https://, ssh://, git://, file://), user@host:pfad oder einen absoluten Pfad';
}

/**
 * A clone URL from a forge answer, accepted only when it is a safe remote below the forge's own
 * clone base (same protocol and host, path inside the base's path). Anything else (another host,
 * a file:// path elsewhere on this machine, another scheme) is null: the caller keeps the URL it
 * derived from the catalog. Without a clone base, no forge answer is trusted.
 */
export function forgeCloneUrl(answer: string | null | undefined, cloneBase: string | null | undefined): string | null {
  if (!answer || !cloneBase || remoteProblem(answer)) return null;
  let url: URL;
  let base: URL;
  try {
    url = new URL(answer);
    base = new URL(cloneBase.replace(/\/+$/, '') + '/');
  } catch {
    return null;
  }
  if (url.protocol !== base.protocol || url.host !== base.host) return null;
  if (url.username || url.search || url.hash) return null;
  const path = safeDecode(url.pathname);
  const basePath = safeDecode(base.pathname);
  if (path === null || basePath === null || !path.startsWith(basePath) || path.split('/').includes('..')) return null;
  return answer;
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
