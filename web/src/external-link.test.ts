import { describe, expect, it } from 'vitest';
import { externalHref } from './external-link.ts';

describe('externalHref', () => {
  it('passes absolute http: and https: URLs, trimmed', () => {
    expect(externalHref('http://x')).toBe('http://x');
    expect(externalHref('https://example.org/a?b')).toBe('https://example.org/a?b');
    expect(externalHref(' https://example.org/a ')).toBe('https://example.org/a');
  });

  it('gives no link for any other scheme, however it is written', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'example.org/a',
      'https://user:secret@example.org/',
      '',
      undefined,
    ]) {
      expect(externalHref(url), JSON.stringify(url)).toBeUndefined();
    }
  });
});
