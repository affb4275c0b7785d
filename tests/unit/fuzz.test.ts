/**
 * Property-based tests (fast-check) of the two parsers that read text other people write: the
 * catalog (several people edit it) and publiccode.yml (anyone who can push to a repository). Whatever
 * the input — random text, random YAML documents, valid files with random edits, alias bombs, deep
 * nesting — they answer with their own result: parsePubliccode never throws and says why a file is
 * invalid; parseCatalog returns a catalog or throws a CatalogError with located German problems.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog } from '../../src/lib/catalog/load';
import { parsePubliccode } from '../../src/lib/publiccode/parse';

const TESTDATA = resolve(import.meta.dirname, '../fixtures/publiccode-parser-go/v0');
function ymlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? ymlFiles(join(dir, e.name)) : e.name.endsWith('.yml') ? [join(dir, e.name)] : []
  );
}
const validFiles = ymlFiles(TESTDATA)
  .filter((f) => f.includes('/valid/'))
  .map((f) => readFileSync(f, 'utf8'));

/** A valid file with random edits: characters inserted, deleted or replaced at random places. */
const editedValidFile = fc
  .tuple(
    fc.constantFrom(...validFiles),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.string({ unit: 'grapheme', maxLength: 12 })), { minLength: 1, maxLength: 8 })
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, remove, insert]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + insert + t.slice(i + remove);
    }, text)
  );

const yamlDocument = fc.anything({ maxDepth: 4, withNullPrototype: false }).map((value) => {
  try {
    return stringify(value) ?? '';
  } catch {
    return String(value);
  }
});

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), yamlDocument, editedValidFile);

function assertPubliccodeResult(text: string): void {
  const result = parsePubliccode(text);
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(typeof result.error).toBe('string');
    expect(result.error.length).toBeGreaterThan(0);
  }
}

function assertCatalogResult(text: string): void {
  try {
    parseCatalog(text, 'katalog.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    for (const p of (error as CatalogError).problems) {
      expect(p.file).toBe('katalog.yml');
      expect(p.line).toBeGreaterThanOrEqual(0);
      expect(p.message.length).toBeGreaterThan(0);
    }
  }
}

describe('publiccode.yml parser under random input', () => {
  it('found the reference parser’s valid files to mutate', () => {
    expect(validFiles.length).toBeGreaterThanOrEqual(30);
  });

  it('never throws and always says why a file is invalid', () => {
    fc.assert(fc.property(anyText, assertPubliccodeResult), { numRuns: 400 });
  });

  it('bounds alias bombs, deep nesting and huge files', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
      .concat(
        Array.from(
          { length: 9 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`
        )
      )
      .join('\n');
    for (const text of [laughs, `${'['.repeat(5000)}${']'.repeat(5000)}`, `${'- '.repeat(2000)}x`, `name: ${'x'.repeat(2_000_000)}`]) {
      const result = parsePubliccode(text);
      expect(result.ok).toBe(false);
    }
  });
});

describe('catalog parser under random input', () => {
  it('returns a catalog or a CatalogError with located problems, nothing else', () => {
    fc.assert(fc.property(anyText, assertCatalogResult), { numRuns: 400 });
  });

  it('catalog-shaped documents with random values', () => {
    const catalogLike = fc
      .record({
        organisations: fc.array(fc.record({ id: fc.string(), name: fc.string(), kind: fc.string(), domains: fc.array(fc.string()) }), {
          maxLength: 3
        }),
        projects: fc.array(
          fc.record({ id: fc.string(), name: fc.string(), owner: fc.string(), repositories: fc.array(fc.string(), { maxLength: 3 }) }),
          {
            maxLength: 3
          }
        ),
        forges: fc.array(fc.record({ id: fc.string(), type: fc.constantFrom('github', 'gitlab', 'git', 'gitea'), url: fc.webUrl() }), {
          maxLength: 2
        })
      })
      .map((doc) => stringify(doc));
    fc.assert(fc.property(catalogLike, assertCatalogResult), { numRuns: 300 });
  });

  it('bounds alias bombs and deep nesting', () => {
    for (const text of [
      `projects: ${'['.repeat(3000)}${']'.repeat(3000)}`,
      `a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n`.repeat(1)
    ])
      assertCatalogResult(text);
  });
});
