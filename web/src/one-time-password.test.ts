import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH } from './forms.ts';
import { generateOneTimePassword } from './one-time-password.ts';

describe('generateOneTimePassword', () => {
  it('makes four groups of four unambiguous characters, long enough for the policy', () => {
    const pw = generateOneTimePassword();
    expect(pw).toMatch(/^[a-hj-km-np-z2-9]{4}(-[a-hj-km-np-z2-9]{4}){3}$/);
    expect(pw.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
  });

  it('differs each time', () => {
    const seen = new Set(Array.from({ length: 50 }, () => generateOneTimePassword()));
    expect(seen.size).toBe(50);
  });

  it('drops bytes that would bias the choice', () => {
    // 248..255 are above the largest multiple of 31; they must be skipped, not wrapped round.
    let call = 0;
    const bytes = (n: number) => new Uint8Array(n).fill(call++ === 0 ? 255 : 0);
    expect(generateOneTimePassword(bytes)).toBe('aaaa-aaaa-aaaa-aaaa');
    expect(call).toBe(2);
  });
});
