import { describe, expect, it } from 'vitest';
import { findWellKnownFiles } from '../../src/lib/repository-files';

describe('well-known files (reuse checklist, openCode security)', () => {
  it('finds each kind in any case, with or without a documentation extension', () => {
    expect(
      findWellKnownFiles([
        'readme',
        'CONTRIBUTING.adoc',
        'Code-Of-Conduct.md',
        'GOVERNANCE.MD',
        'NEWS',
        'roadmap.org',
        'MAINTAINERS',
        'security.txt',
        'COPYING',
        'publiccode.yaml'
      ])
    ).toEqual({
      readme: 'readme',
      contributing: 'CONTRIBUTING.adoc',
      'code-of-conduct': 'Code-Of-Conduct.md',
      governance: 'GOVERNANCE.MD',
      changelog: 'NEWS',
      roadmap: 'roadmap.org',
      authors: 'MAINTAINERS',
      security: 'security.txt',
      licence: 'COPYING',
      publiccode: 'publiccode.yaml'
    });
  });

  it('accepts the folders the conventions allow and prefers the root', () => {
    expect(findWellKnownFiles(['docs/README.md', 'README.md', '.github/README.md']).readme).toBe('README.md');
    expect(findWellKnownFiles(['docs/README.md', '.github/README.md']).readme).toBe('.github/README.md');
    expect(findWellKnownFiles(['.github/CODE_OF_CONDUCT.md'])['code-of-conduct']).toBe('.github/CODE_OF_CONDUCT.md');
    expect(findWellKnownFiles(['docs/CHANGELOG.md']).changelog).toBe('docs/CHANGELOG.md');
    // No convention puts a changelog or AUTHORS into .github/, nor a licence or publiccode.yml below the root.
    expect(findWellKnownFiles(['.github/CHANGELOG.md', '.github/AUTHORS', 'docs/LICENSE', 'docs/publiccode.yml'])).toEqual({
      documentation: 'docs/'
    });
  });

  it('does not take source files or deeper folders for documents', () => {
    expect(findWellKnownFiles(['history.js', 'changes.py', 'src/README.md', 'lib/docs/AUTHORS', 'readme.png'])).toEqual({});
    expect(findWellKnownFiles(['CHANGELOG-old.md'])).toEqual({});
  });

  it('counts a documentation folder with a file at any depth, doc/ or docs/', () => {
    expect(findWellKnownFiles(['doc/api/index.html']).documentation).toBe('doc/');
    expect(findWellKnownFiles(['Docs/index.md']).documentation).toBe('Docs/');
    expect(findWellKnownFiles(['documentation.md', 'src/docs/x.md']).documentation).toBeUndefined();
  });

  it('keeps the security file rule of the openCode check (an extension is required)', () => {
    expect(findWellKnownFiles(['SECURITY']).security).toBeUndefined();
    expect(findWellKnownFiles(['docs/SECURITY.rst']).security).toBe('docs/SECURITY.rst');
  });
});
