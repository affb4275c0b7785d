import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../src/lib/server/response-cache';

const entry = (bytes: number) => ({
  status: 200,
  headers: [['content-type', 'text/html']] as [string, string][],
  body: new Uint8Array(bytes)
});

describe('ResponseCache', () => {
  it('serves an entry until the data version moves', () => {
    const cache = new ResponseCache();
    cache.sync(1);
    cache.set('/', entry(10));
    expect(cache.get('/')?.body.byteLength).toBe(10);
    cache.sync(1);
    expect(cache.get('/')).toBeDefined();
    cache.sync(2);
    expect(cache.get('/')).toBeUndefined();
  });

  it('drops the least recently used entries beyond its size', () => {
    const cache = new ResponseCache(25, 20);
    cache.sync(1);
    cache.set('/a', entry(10));
    cache.set('/b', entry(10));
    cache.get('/a');
    cache.set('/c', entry(10));
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.get('/a')).toBeDefined();
    expect(cache.get('/c')).toBeDefined();
    cache.set('/huge', entry(21));
    expect(cache.get('/huge')).toBeUndefined();
  });
});
