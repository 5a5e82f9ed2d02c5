import { describe, expect, it } from 'vitest';
import {
  hasErrors,
  normaliseNation,
  tooManyAttempts,
  validateNewUser,
  validatePasswordChange,
  validateSignIn,
} from './forms.ts';

describe('validateSignIn', () => {
  it('asks for both fields', () => {
    expect(validateSignIn({ username: ' ', password: '' })).toEqual({
      username: 'Enter your user name.',
      password: 'Enter your password.',
    });
  });

  it('accepts any non-empty password: the server judges it', () => {
    expect(hasErrors(validateSignIn({ username: 'planner', password: 'x' }))).toBe(false);
  });
});

describe('validatePasswordChange', () => {
  const ok = {
    currentPassword: 'k7qm-x3fp-9wtr-b2hd',
    newPassword: 'correct horse battery staple',
    confirmPassword: 'correct horse battery staple',
  };

  it('accepts a long enough, confirmed, new password', () => {
    expect(validatePasswordChange(ok)).toEqual({});
  });

  it('refuses fewer than 12 characters and says how many there are', () => {
    const errors = validatePasswordChange({
      ...ok,
      newPassword: 'short pass',
      confirmPassword: 'short pass',
    });
    expect(errors).toEqual({ newPassword: 'Use at least 12 characters (this one has 10).' });
  });

  it('accepts exactly 12 characters', () => {
    const twelve = 'abcdefghijkl';
    expect(validatePasswordChange({ ...ok, newPassword: twelve, confirmPassword: twelve })).toEqual({});
  });

  it('wants the confirmation to match', () => {
    expect(validatePasswordChange({ ...ok, confirmPassword: 'correct horse battery stapel' })).toEqual({
      confirmPassword: 'This does not match the new password.',
    });
  });

  it('does not nag about the confirmation while the new password itself is wrong', () => {
    const errors = validatePasswordChange({ currentPassword: '', newPassword: '', confirmPassword: 'x' });
    expect(errors).toEqual({
      currentPassword: 'Enter your current password.',
      newPassword: 'Enter a new password.',
    });
  });

  it('refuses the current password as the new one', () => {
    const same = {
      currentPassword: ok.newPassword,
      newPassword: ok.newPassword,
      confirmPassword: ok.newPassword,
    };
    expect(validatePasswordChange(same).newPassword).toMatch(/different/);
  });
});

describe('validateNewUser', () => {
  const base = { id: 'a.smith', displayName: 'Maj. A. Smith', role: 'planner' as const, nation: '' };

  it('accepts a planner without a nation', () => {
    expect(validateNewUser(base)).toEqual({});
  });

  it('requires a nation for a liaison officer and accepts it in lower case', () => {
    expect(validateNewUser({ ...base, role: 'liaison' })).toEqual({
      nation: 'A liaison officer must have a nation.',
    });
    expect(validateNewUser({ ...base, role: 'liaison', nation: 'gbr' })).toEqual({});
  });

  it('lets an observer have a nation or not', () => {
    expect(validateNewUser({ ...base, role: 'observer' })).toEqual({});
    expect(validateNewUser({ ...base, role: 'observer', nation: 'FRA' })).toEqual({});
  });

  it('refuses a nation for staff and malformed codes', () => {
    expect(validateNewUser({ ...base, nation: 'GBR' }).nation).toMatch(/leave this empty/);
    expect(validateNewUser({ ...base, role: 'liaison', nation: 'UK' }).nation).toMatch(/three-letter/);
  });

  it('checks user name, display name and role', () => {
    expect(validateNewUser({ id: 'a smith', displayName: ' ', role: '', nation: '' })).toEqual({
      id: 'Use up to 64 letters, digits, dots, underscores, hyphens or @, without spaces.',
      displayName: 'Enter the name to show for this user.',
      role: 'Choose a role.',
    });
    expect(validateNewUser({ ...base, id: 'x'.repeat(65) }).id).toBeDefined();
    expect(validateNewUser({ ...base, id: 'a.smith@mod.example' }).id).toBeUndefined();
  });
});

describe('normaliseNation', () => {
  it('trims and upper-cases', () => {
    expect(normaliseNation(' gbr ')).toBe('GBR');
  });
});

describe('tooManyAttempts', () => {
  it('rounds the wait up to whole minutes', () => {
    expect(tooManyAttempts(840)).toBe('Too many attempts, try again in 14 minutes.');
    expect(tooManyAttempts(841)).toBe('Too many attempts, try again in 15 minutes.');
    expect(tooManyAttempts(5)).toBe('Too many attempts, try again in 1 minute.');
    expect(tooManyAttempts(undefined)).toBe('Too many attempts, try again later.');
  });
});
