import { describe, expect, it } from 'vitest';
import { badgeMessage, renderBadge } from '../../src/lib/server/badge';

describe('renderBadge', () => {
  it('shows lifecycle and score', () => {
    expect(badgeMessage({ lifecycle: 'aktiv', score: 78.4, projectName: 'x' })).toBe('aktiv · 78');
    expect(badgeMessage({ lifecycle: 'ruhend', score: null, projectName: 'x' })).toBe('ruhend · nicht bewertbar');
    expect(badgeMessage({ lifecycle: null, score: null, projectName: 'x' })).toBe('keine Daten');
    expect(badgeMessage({ lifecycle: 'unbekannt', score: null, projectName: 'x' })).toBe('keine Daten');
  });

  it('escapes every text and has a title', () => {
    const svg = renderBadge({ lifecycle: 'aktiv', score: 78, projectName: 'Bot <script>alert(1)</script> & "x"' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain(
      '<title>Bot &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;: Zustand aktiv, Vitalität 78 von 100 (allmende)</title>'
    );
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="20" role="img" aria-label="[^"<]*">/);
    expect(svg).toContain('>aktiv · 78</text>');
  });
});
