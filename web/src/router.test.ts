import { describe, expect, it } from 'vitest';
import { matchPath } from './router.tsx';

describe('matchPath', () => {
  it('matches literal paths, ignoring a trailing slash', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/scenarios/:id', '/scenarios/article-2025-03/')).toEqual({ id: 'article-2025-03' });
  });

  it('decodes parameters', () => {
    expect(matchPath('/scenarios/:id', '/scenarios/a%20b')).toEqual({ id: 'a b' });
  });

  it('refuses other lengths, other literals and malformed escapes', () => {
    expect(matchPath('/scenarios/:id', '/scenarios')).toBeNull();
    expect(matchPath('/scenarios/:id', '/scenarios/x/funding')).toBeNull();
    expect(matchPath('/scenarios/:id/funding', '/scenarios/x/map')).toBeNull();
    expect(matchPath('/scenarios/:id', '/scenarios/%E0%A4%A')).toBeNull();
  });
});
