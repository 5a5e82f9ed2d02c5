// The shared schema pieces: a source's link is an absolute http: or https: URL and nothing else,
// since readers' browsers follow it. Checked on the piece itself and where a document carries it.
import { describe, expect, it } from 'vitest';
import { parseScenarioValue } from './scenario-document.ts';
import { SOURCE_URL_RULE, isHttpUrl, sourceSchema } from './schema-parts.ts';
import { pledge, sampleScenario } from './test-fixtures.ts';

const REFUSED = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'JavaScript:alert(document.cookie)',
  ' javascript:alert(1)',
  '\tjavascript:alert(1)',
  'java\nscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://example.org/a',
  'mailto:someone@example.org',
  // Not absolute, or the scheme not written out: the parser would guess a host.
  'bbc.co.uk/news',
  '//example.org/a',
  '/a/b',
  'http:example.org',
  'https:/example.org',
  'https:\\\\example.org',
  // A line break the parser would silently drop, moving the host.
  'https://exa\nmple.org/',
  // Credentials in the link.
  'https://user:secret@example.org/',
  'https://user@example.org/',
  '',
  '   ',
];

const ACCEPTED = [
  'http://x',
  'https://example.org/a?b',
  'HTTPS://EXAMPLE.ORG/A',
  'https://www.gov.uk/government/news/pm-statement?x=1&y=2#part',
  'http://10.0.0.1:8080/report.pdf',
  'http://[2001:db8::1]/',
];

describe('source.url', () => {
  it.each(REFUSED)('refuses %j, naming the rule', (url) => {
    const r = sourceSchema.safeParse({ publication: 'Gazette', url });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['url'], message: SOURCE_URL_RULE })]);
  });

  it.each(ACCEPTED)('accepts %j as given', (url) => {
    expect(sourceSchema.parse({ publication: 'Gazette', url }).url).toBe(url);
  });

  it('trims surrounding spaces before it judges, and keeps the trimmed link', () => {
    expect(sourceSchema.parse({ publication: 'Gazette', url: '  https://example.org/a  ' }).url).toBe(
      'https://example.org/a',
    );
  });

  it('isHttpUrl agrees with the schema on untrimmed text: a leading space is not a URL', () => {
    expect(isHttpUrl(' https://example.org/')).toBe(false);
    expect(isHttpUrl('https://example.org/')).toBe(true);
  });

  it('is refused inside a scenario document at its field path, with the rule as the message', () => {
    const doc = sampleScenario({
      pledges: [pledge({ source: { publication: 'Gazette', url: 'javascript:alert(1)' } })],
    });
    const r = parseScenarioValue(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: 'pledges[0].source.url', message: SOURCE_URL_RULE }]);
  });
});
