import { describe, expect, it } from 'vitest';
import { loginPath, nextAfterLogin, recordPagePath, scenarioSearchPath } from './paths.ts';

describe('scenario search and record pages', () => {
  it('puts the text in the query and escapes keys', () => {
    expect(scenarioSearchPath('article-2025-03', 'air & sea')).toBe(
      '/scenarios/article-2025-03/search?q=air+%26+sea',
    );
    expect(scenarioSearchPath('s1')).toBe('/scenarios/s1/search');
    expect(recordPagePath('s1', 'rotationPolicies', 'GBR')).toBe(
      '/scenarios/s1/records/rotation-policies/GBR',
    );
    expect(recordPagePath('s1', 'offers', 'OFF/1')).toBe('/scenarios/s1/records/offers/OFF%2F1');
  });
});

describe('loginPath', () => {
  it('remembers the page wanted, with its query', () => {
    expect(loginPath('/audit?entity=offers')).toBe('/login?next=%2Faudit%3Fentity%3Doffers');
    expect(nextAfterLogin('?next=%2Faudit%3Fentity%3Doffers')).toBe('/audit?entity=offers');
  });

  it('leaves out the home page and the sign-in page itself', () => {
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/login?next=%2Faudit')).toBe('/login');
  });
});

describe('nextAfterLogin', () => {
  it('goes home without a next page', () => {
    expect(nextAfterLogin('')).toBe('/');
  });

  it('never leaves the app', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      'audit',
    ]) {
      expect(nextAfterLogin(`?next=${encodeURIComponent(next)}`)).toBe('/');
    }
  });

  it('does not loop back to the sign-in page', () => {
    expect(nextAfterLogin('?next=%2Flogin')).toBe('/');
  });
});
