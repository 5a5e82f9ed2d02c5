// Signing in and out, the signed-in user, and changing one's own password. Sign-in is the one
// route besides health that needs no session; it answers with the token in the body (for API
// clients) and in an HttpOnly cookie (for the web UI, so page scripts never hold it).
import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../../app/auth-service.ts';
import { clearedSessionCookie, sessionCookie, sessionOf } from '../auth.ts';
import { errorResponse, errorResponses } from '../openapi.ts';
import { userView, type UserService } from '../../app/user-service.ts';
import { userViewSchema } from './user-routes.ts';

export function registerAuthRoutes(api: FastifyInstance, auth: AuthService, users: UserService): void {
  const tags = ['auth'];

  api.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in: returns a session token and sets the coalition_session cookie',
        description:
          'Send the token as `Authorization: Bearer <token>`, or let the browser send the cookie. Within 15 ' +
          'minutes, after 20 failed sign-ins from one address, or 5 for one user name from one address, or 50 ' +
          'for one user name from anywhere (then only from addresses that user signed in from before), ' +
          'sign-in answers 429 with Retry-After until the window passes.',
        security: [],
        body: {
          type: 'object',
          properties: { username: { type: 'string' }, password: { type: 'string', format: 'password' } },
          required: ['username', 'password'],
        },
        response: {
          200: {
            type: 'object',
            properties: {
              token: { type: 'string' },
              expiresAt: { type: 'string', format: 'date-time' },
              user: userViewSchema,
            },
          },
          400: errorResponses[400],
          401: { ...errorResponse, description: 'Wrong user name or password (or the account is disabled)' },
          429: { ...errorResponse, description: 'Too many failed sign-ins; see Retry-After' },
        },
      },
    },
    async (request, reply) => {
      const result = await auth.login(request.body, request.ip);
      reply.header('set-cookie', sessionCookie(request, result.token, Math.floor(auth.sessionMs / 1000)));
      return {
        token: result.token,
        expiresAt: result.expiresAt.toISOString(),
        user: userView(result.user),
      };
    },
  );

  api.post(
    '/auth/logout',
    {
      schema: {
        tags,
        summary: 'Sign out: ends this session and clears the cookie',
        response: { 204: { type: 'null', description: 'Signed out' }, 401: errorResponses[401] },
      },
    },
    async (request, reply) => {
      await auth.logout(sessionOf(request));
      return reply.status(204).header('set-cookie', clearedSessionCookie(request)).send();
    },
  );

  api.get(
    '/auth/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user',
        response: { 200: userViewSchema, 401: errorResponses[401] },
      },
    },
    async (request) => userView(sessionOf(request).user),
  );

  api.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your own password (at least 12 characters); your other sessions end',
        body: {
          type: 'object',
          properties: {
            currentPassword: { type: 'string', format: 'password' },
            newPassword: { type: 'string', format: 'password', minLength: 12 },
          },
          required: ['currentPassword', 'newPassword'],
        },
        response: {
          204: { type: 'null', description: 'Changed' },
          400: errorResponses[400],
          401: errorResponses[401],
          429: { ...errorResponse, description: 'Too many wrong current passwords; see Retry-After' },
        },
      },
    },
    async (request, reply) => {
      await users.changeOwnPassword(sessionOf(request), request.body);
      return reply.status(204).send();
    },
  );
}
