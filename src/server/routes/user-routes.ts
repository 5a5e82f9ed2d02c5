// User accounts, for administrators only (the service refuses everyone else with 403).
import type { FastifyInstance } from 'fastify';
import { ROLES } from '../../domain/access.ts';
import { principalOf } from '../auth.ts';
import { errorResponses, readErrorResponses } from '../openapi.ts';
import type { UserService } from '../../app/user-service.ts';

export const userViewSchema = {
  type: 'object',
  description: 'A user account (never its password)',
  properties: {
    id: { type: 'string', description: 'User name used to sign in' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    nation: { type: 'string', nullable: true, description: 'ISO alpha-3; required for liaison officers' },
    disabled: { type: 'boolean' },
    mustChangePassword: { type: 'boolean' },
    version: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const userParams = {
  type: 'object',
  properties: { id: { type: 'string', description: 'User name' } },
  required: ['id'],
} as const;

export function registerUserRoutes(api: FastifyInstance, users: UserService): void {
  const tags = ['users'];

  api.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List user accounts',
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: userViewSchema } } },
          ...readErrorResponses,
        },
      },
    },
    async (request) => ({ items: await users.list(principalOf(request)) }),
  );

  api.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user account',
        description: 'Who may: administrators only (403 for everyone else).',
        body: {
          type: 'object',
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9._@-]{1,64}$' },
            displayName: { type: 'string' },
            role: { type: 'string', enum: [...ROLES] },
            nation: { type: 'string', nullable: true, description: 'Required for a liaison officer' },
            password: { type: 'string', format: 'password', minLength: 12 },
            mustChangePassword: {
              type: 'boolean',
              description: 'Default true: the user must replace the password you chose',
            },
          },
          required: ['id', 'displayName', 'role', 'password'],
        },
        response: { 201: userViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await users.create(request.body, principalOf(request));
      return reply
        .status(201)
        .header('location', `/api/users/${encodeURIComponent(user.id)}`)
        .send(user);
    },
  );

  api.get<{ Params: { id: string } }>(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'One user account',
        params: userParams,
        response: { 200: userViewSchema, ...readErrorResponses },
      },
    },
    async (request) => users.get(request.params.id, principalOf(request)),
  );

  api.patch<{ Params: { id: string } }>(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change name, role, nation or disable/enable (send `version`); disabling signs the user out',
        description: 'Who may: administrators only (403 for everyone else).',
        params: userParams,
        body: {
          type: 'object',
          properties: {
            version: { type: 'integer', minimum: 1 },
            displayName: { type: 'string' },
            role: { type: 'string', enum: [...ROLES] },
            nation: { type: 'string', nullable: true },
            disabled: { type: 'boolean' },
          },
          required: ['version'],
        },
        response: { 200: userViewSchema, ...errorResponses },
      },
    },
    async (request) => users.patch(request.params.id, request.body, principalOf(request)),
  );

  api.post<{ Params: { id: string } }>(
    '/users/:id/password',
    {
      schema: {
        tags,
        summary:
          'Reset a password: the one given, or a generated one-time password; the user must change it and is signed out',
        description: 'Who may: administrators only (403 for everyone else).',
        params: userParams,
        body: {
          type: 'object',
          properties: { password: { type: 'string', format: 'password', minLength: 12 } },
        },
        response: {
          200: { type: 'object', properties: { password: { type: 'string' } } },
          ...errorResponses,
        },
      },
    },
    async (request) => users.resetPassword(request.params.id, request.body, principalOf(request)),
  );
}
