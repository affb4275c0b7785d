/**
 * Loading catalog.yml: YAML → zod schema → cross-reference checks → a resolved Catalog.
 * Every problem is reported with file:line:column and what was expected; loading never writes.
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { forgePathValid } from '../forge-path';
import { remoteProblem } from '../remote-url';
import { catalogSchema, type ForgeEntry, type ParsedCatalog } from './schema';

export interface CatalogProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export class CatalogError extends Error {
  constructor(readonly problems: CatalogProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'CatalogError';
  }
}

export function formatProblem(p: CatalogProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

export interface ResolvedForge {
  id: string;
  type: ForgeEntry['type'];
  api: string | null;
  clone: string | null;
  tokenEnv: string | null;
  concurrency: number;
  /** Pace per token (requests per minute), null: none. */
  requestsPerMinute: number | null;
}

export interface RepositoryRef {
  /** The catalog's spelling, the repository's key in the database. */
  key: string;
  forgeId: string;
  forgeType: ForgeEntry['type'];
  /** owner/name, group/sub/name, or the URL or path of a git: repository. */
  path: string;
  cloneUrl: string;
}

/** What derive and reports need of a catalog; stored with each collection so they can run without it. */
export type CatalogSettings = Pick<ParsedCatalog, 'people' | 'personalEmailDomains' | 'privacy'> &
  Partial<Pick<ParsedCatalog, 'retention'>>;

export interface Catalog extends ParsedCatalog {
  file: string;
  forgeById: Map<string, ResolvedForge>;
}

/** GitHub's secondary limit for REST: 900 points a minute, a GET costs one (docs.github.com, rate limits for the REST API). */
const GITHUB_REST_POINTS_PER_MINUTE = 900;

export const BUILTIN_FORGES: ResolvedForge[] = [
  {
    id: 'github',
    type: 'github',
    api: 'https://api.github.com',
    clone: 'https://github.com',
    tokenEnv: null,
    concurrency: 4,
    requestsPerMinute: GITHUB_REST_POINTS_PER_MINUTE
  },
  {
    id: 'opencode',
    type: 'gitlab',
    api: 'https://gitlab.opencode.de/api/v4',
    clone: 'https://gitlab.opencode.de',
    tokenEnv: null,
    concurrency: 4,
    requestsPerMinute: null
  },
  { id: 'git', type: 'git', api: null, clone: null, tokenEnv: null, concurrency: 4, requestsPerMinute: null }
];

const DEFAULT_API: Record<ForgeEntry['type'], string | null> = {
  github: 'https://api.github.com',
  gitlab: null,
  git: null
};

type PathKey = string | number;

/** Position of the deepest YAML node that exists along `path`, pointing at a key where asked. */
function locate(doc: Document, lines: LineCounter, path: PathKey[], key?: string): { line: number; column: number } {
  let node: unknown = doc.contents;
  for (const step of path) {
    if (!(isMap(node) || isSeq(node))) break;
    const next = node.get(step, true);
    if (next === undefined) break;
    node = next;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
    const keyNode = pair?.key as Node | undefined;
    if (keyNode?.range) node = keyNode;
  }
  const offset = (node as Node | null)?.range?.[0] ?? 0;
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function describePath(path: PathKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nichts';
  if (value === null) return 'null';
  if (value === '(Wert nicht angezeigt)') return value;
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  if (Array.isArray(value)) return 'eine Liste';
  if (typeof value === 'object') return 'ein Objekt';
  return String(value);
}

function valueAt(data: unknown, path: PathKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<PathKey, unknown>)[k]), data);
}

function messageFor(issue: z.core.$ZodIssue, data: unknown): string {
  const path = issue.path as PathKey[];
  // A literal token is a secret: say that it is wrong, never what it is.
  const found = path[path.length - 1] === 'token' ? '(Wert nicht angezeigt)' : valueAt(data, path);
  const customMessage = !issue.message.startsWith('Invalid');
  switch (issue.code) {
    case 'invalid_type':
      if (found === undefined) return `Pflichtfeld fehlt (erwartet: ${germanType(issue.expected)})`;
      return `erwartet ${customMessage ? issue.message : germanType(issue.expected)}, gefunden ${describeValue(found)}`;
    case 'invalid_value':
      return `erwartet einer von ${issue.values.map(String).join(' | ')}, gefunden ${describeValue(found)}`;
    case 'unrecognized_keys':
      return `unbekanntes Feld ${issue.keys.map((k) => `„${k}“`).join(', ')}`;
    case 'invalid_format':
    case 'custom':
      return `erwartet ${issue.message}, gefunden ${describeValue(found)}`;
    case 'too_small':
      return `erwartet ${issue.message}`;
    default:
      return issue.message;
  }
}

function germanType(expected: string): string {
  const names: Record<string, string> = {
    string: 'Text',
    number: 'eine Zahl',
    int: 'eine ganze Zahl',
    boolean: 'true oder false',
    array: 'eine Liste',
    object: 'ein Objekt'
  };
  return names[expected] ?? expected;
}

/** Parse catalog text; `file` is only used in messages. */
export function parseCatalog(text: string, file = 'catalog.yml'): Catalog {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const problem = (path: PathKey[], message: string, key?: string): CatalogProblem => ({
    file,
    ...locate(doc, lines, path, key),
    path: describePath(path),
    message
  });

  if (doc.errors.length > 0) {
    throw new CatalogError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? { line: 0, col: 0 };
        return { file, line: pos.line, column: pos.col, path: '', message: `ungültiges YAML: ${e.message.split('\n')[0]}` };
      })
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new CatalogError([{ file, line: 0, column: 0, path: '', message: `ungültiges YAML: ${(error as Error).message}` }]);
  }

  const parsed = catalogSchema.safeParse(data);
  if (!parsed.success) {
    throw new CatalogError(
      parsed.error.issues.map((issue) => {
        const path = issue.path as PathKey[];
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
        return problem(path, messageFor(issue, data), key);
      })
    );
  }
  const catalog = parsed.data;
  const problems = crossCheck(catalog, problem);
  if (problems.length > 0) throw new CatalogError(problems);
  return { ...catalog, file, forgeById: resolveForges(catalog.forges) };
}

export function loadCatalog(file: string): Catalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'Datei nicht gefunden' : code === 'EISDIR' ? 'ist ein Verzeichnis' : (error as Error).message;
    throw new CatalogError([{ file, line: 0, column: 0, path: '', message: reason }]);
  }
  return parseCatalog(text, file);
}

function resolveForges(entries: ForgeEntry[]): Map<string, ResolvedForge> {
  const map = new Map(BUILTIN_FORGES.map((f) => [f.id, { ...f }]));
  for (const f of entries) {
    const builtin = map.get(f.id);
    const base = builtin && builtin.type === f.type ? builtin : null;
    const api = (f.api ?? base?.api ?? DEFAULT_API[f.type])?.replace(/\/+$/, '') ?? null;
    map.set(f.id, {
      id: f.id,
      type: f.type,
      api,
      clone: (f.clone ?? base?.clone ?? null)?.replace(/\/+$/, '') ?? null,
      tokenEnv: f.token ? f.token.slice('env:'.length) : null,
      concurrency: f.concurrency ?? 4,
      requestsPerMinute:
        f.requestsPerMinute ??
        (f.type === 'github' && /^https:\/\/api\.github\.com\/?$/.test(api ?? '') ? GITHUB_REST_POINTS_PER_MINUTE : null)
    });
  }
  return map;
}

type ProblemAt = (path: PathKey[], message: string, key?: string) => CatalogProblem;

function crossCheck(catalog: ParsedCatalog, problem: ProblemAt): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const duplicates = (section: 'forges' | 'organisations' | 'projects', ids: string[]) => {
    const seen = new Map<string, number>();
    ids.forEach((id, i) => {
      const first = seen.get(id);
      if (first !== undefined) problems.push(problem([section, i, 'id'], `Kennung „${id}“ doppelt (zuerst bei ${section}[${first}])`));
      else seen.set(id, i);
    });
  };
  duplicates(
    'forges',
    catalog.forges.map((f) => f.id)
  );
  duplicates(
    'organisations',
    catalog.organisations.map((o) => o.id)
  );
  duplicates(
    'projects',
    catalog.projects.map((p) => p.id)
  );

  const forgeIds = new Map(BUILTIN_FORGES.map((f) => [f.id, f.type] as const));
  catalog.forges.forEach((f, i) => {
    if (f.id === 'git' && f.type !== 'git')
      problems.push(problem(['forges', i, 'type'], 'die Kennung „git“ ist für git:-Repositories reserviert'));
    if (f.type === 'gitlab' && !f.api && f.id !== 'opencode')
      problems.push(problem(['forges', i], 'erwartet api: (die URL der GitLab-API, z. B. https://gitlab.example.org/api/v4)', 'id'));
    const cloneProblem = f.clone ? remoteProblem(f.clone) : null;
    if (cloneProblem) problems.push(problem(['forges', i, 'clone'], `die Adresse ${cloneProblem}`));
    forgeIds.set(f.id, f.type);
  });
  const orgIds = new Set(catalog.organisations.map((o) => o.id));

  const checkRef = (path: PathKey[], ref: string, what: 'repository' | 'account') => {
    const forgeId = ref.slice(0, ref.indexOf(':'));
    const rest = ref.slice(ref.indexOf(':') + 1).trim();
    const type = forgeIds.get(forgeId);
    if (!type) {
      problems.push(problem(path, `unbekannte Plattform „${forgeId}“ (bekannt: ${[...forgeIds.keys()].join(', ')})`));
    } else if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*@/i.test(rest) && !/^ssh:\/\/[^:/@\s]+@/i.test(rest)) {
      // user:password@ in a URL would end up in logs, the database and pages; tokens belong in the environment.
      problems.push(problem(path, 'Zugangsdaten gehören nicht in die URL; ein Token wird über forges[].token: env:NAME angegeben'));
    } else if (type === 'git' && what === 'account') {
      problems.push(problem(path, 'git: hat keine Konten; erwartet github:… oder eine GitLab-Gruppe'));
    } else if (type === 'git') {
      const unsafe = remoteProblem(rest);
      if (unsafe) problems.push(problem(path, `die Adresse ${unsafe}, gefunden „${describeRef(ref)}“`));
    } else {
      const segments = what === 'repository' ? (type === 'github' ? '2' : '2+') : type === 'github' ? '1' : '1+';
      if (!forgePathValid(rest, segments)) {
        const expected =
          what === 'repository'
            ? `${forgeId}:besitzer/name${type === 'gitlab' ? ' (auch gruppe/untergruppe/name)' : ''}`
            : `${forgeId}:konto${type === 'gitlab' ? ' (auch gruppe/untergruppe)' : ''}`;
        problems.push(problem(path, `erwartet ${expected} aus Buchstaben, Ziffern, „.“, „_“ oder „-“, gefunden „${describeRef(ref)}“`));
      }
    }
  };

  catalog.organisations.forEach((o, i) => o.accounts.forEach((a, j) => checkRef(['organisations', i, 'accounts', j], a, 'account')));
  catalog.discover.forEach((a, i) => checkRef(['discover', i], a, 'account'));
  const seenRepos = new Map<string, string>();
  catalog.projects.forEach((p, i) => {
    if (p.owner && !orgIds.has(p.owner)) problems.push(problem(['projects', i, 'owner'], `unbekannte Organisation „${p.owner}“`));
    p.usedBy.forEach((u, j) => {
      if (!orgIds.has(u)) problems.push(problem(['projects', i, 'usedBy', j], `unbekannte Organisation „${u}“`));
    });
    p.repositories.forEach((r, j) => {
      checkRef(['projects', i, 'repositories', j], r, 'repository');
      const other = seenRepos.get(r);
      if (other && other !== p.id)
        problems.push(problem(['projects', i, 'repositories', j], `Repository „${r}“ gehört schon zu Projekt „${other}“`));
      seenRepos.set(r, p.id);
    });
  });
  return problems;
}

/** A reference for a message: shortened, control characters made visible. */
function describeRef(ref: string): string {
  const visible = ref.replace(/[\u0000-\u001f\u007f-\u009f]/g, '�');
  return visible.length > 80 ? `${visible.slice(0, 77)}…` : visible;
}

/** A catalog repository reference, resolved against the catalog's forges. */
export function resolveRepositoryRef(catalog: Pick<Catalog, 'forgeById'>, ref: string): RepositoryRef {
  const colon = ref.indexOf(':');
  const forgeId = ref.slice(0, colon);
  const path = ref.slice(colon + 1).trim();
  const forge = catalog.forgeById.get(forgeId);
  if (!forge) throw new Error(`unknown forge ${forgeId}`);
  const cloneUrl = forge.type === 'git' ? path : `${forge.clone ?? ''}/${path}.git`;
  return { key: ref, forgeId, forgeType: forge.type, path, cloneUrl };
}
