// A user as the API shows it (sign-in, /api/auth/me, /api/users, backups): never a password or
// its hash. The store's user record has exactly these fields; src/server/contract-drift.test.ts
// checks that the two stay the same type.
import { z } from 'zod';
import { ROLES } from '../domain/access.ts';

export const userViewSchema = z
  .strictObject({
    id: z.string().describe('The user name used to sign in'),
    displayName: z.string(),
    role: z.enum(ROLES),
    nation: z
      .string()
      .nullable()
      .describe('ISO3 code: required for liaison officers, optional for observers, null for staff'),
    disabled: z.boolean(),
    mustChangePassword: z
      .boolean()
      .describe('Set for generated one-time passwords; cleared when the user sets a password'),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('A user account, without its password');

/** A user as the API shows it: never a password or its hash. */
export type UserView = z.output<typeof userViewSchema>;
