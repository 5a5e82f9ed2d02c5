// Who is making a request, for the audit log. Until sign-in exists every API caller is recorded
// as "anonymous" with its address; sessions replace this in one place.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../storage/store.ts';

export function actorOf(request: FastifyRequest): Actor {
  return { id: `anonymous@${request.ip}` };
}
