// One-time passwords for new accounts, made in the browser from its cryptographic random source.
// The administrator reads them out or passes them on, so they avoid look-alike characters
// (0/o, 1/l/i) and come in groups of four; the user must replace one at first sign-in.

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;

/** `k7qm-x3fp-9wtr-b2hd`: 16 characters from 31, about 79 bits. */
export function generateOneTimePassword(
  randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const chars: string[] = [];
  // Bytes at or above the largest multiple of the alphabet's size are dropped, so every character
  // is equally likely (a plain modulo would favour the first few).
  const limit = 256 - (256 % ALPHABET.length);
  while (chars.length < GROUPS * GROUP_LENGTH) {
    for (const b of randomBytes(GROUPS * GROUP_LENGTH)) {
      if (b < limit && chars.length < GROUPS * GROUP_LENGTH) chars.push(ALPHABET.charAt(b % ALPHABET.length));
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++)
    groups.push(chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
  return groups.join('-');
}
