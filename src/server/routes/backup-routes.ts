// Backup and restore of the whole installation over HTTP, for administrators (the same service as
// `coalition export --all` and `coalition import`): every scenario with its decision records, and
// the user accounts when asked. A backup never holds password hashes.
import type { FastifyInstance } from 'fastify';
import { invalid } from '../../domain/errors.ts';
import type { BackupService } from '../../app/backup-service.ts';
import { principalOf } from '../auth.ts';
import { errorResponses, readErrorResponses } from '../openapi.ts';
import { userViewSchema } from './user-routes.ts';

/** A backup of many scenarios outgrows the limit on ordinary bodies; only administrators get here. */
const RESTORE_BODY_LIMIT = 256 * 1024 * 1024;

const flag = (name: string) => ({ type: 'string', enum: ['true', 'false'], description: name }) as const;

function parseFlag(query: unknown, name: string): boolean {
  const raw = (query as Record<string, unknown> | undefined)?.[name];
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  throw invalid([{ path: `query.${name}`, message: 'must be "true" or "false"' }]);
}

export function registerBackupRoutes(api: FastifyInstance, backups: BackupService): void {
  const tags = ['backup'];

  api.get(
    '/backup',
    {
      schema: {
        tags,
        summary:
          'Download a backup of every scenario and its decision records (and the user accounts when ' +
          'asked, never passwords)',
        querystring: {
          type: 'object',
          properties: { includeUsers: flag('Add the user accounts (without any password)') },
        },
        response: { 200: { type: 'object', description: 'A coalition-backup file' }, ...readErrorResponses },
      },
    },
    async (request, reply) => {
      const backup = await backups.exportAll(principalOf(request), {
        includeUsers: parseFlag(request.query, 'includeUsers'),
      });
      const day = backup.exportedAt.slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="coalition-backup-${day}.json"`)
        .send(backup);
    },
  );

  api.post(
    '/backup',
    {
      bodyLimit: RESTORE_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Restore a backup: every scenario and decision record in one transaction (replace=true ' +
          'replaces those that exist); ' +
          'users that do not exist are created with one-time passwords, shown once in the answer',
        description: 'Who may: administrators only (403 for everyone else).',
        querystring: {
          type: 'object',
          properties: { replace: flag('Replace scenarios that exist instead of refusing the restore') },
        },
        body: { type: 'object', description: 'A file from GET /api/backup or `coalition export --all`' },
        response: {
          200: {
            type: 'object',
            properties: {
              scenarios: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    replaced: { type: 'boolean' },
                  },
                },
              },
              users: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { user: userViewSchema, password: { type: 'string' } },
                },
              },
              keptUsers: { type: 'array', items: { type: 'string' } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) =>
      backups.restore(request.body, principalOf(request), { replace: parseFlag(request.query, 'replace') }),
  );
}
