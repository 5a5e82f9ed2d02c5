// Turns the domain's and the contract's zod schemas into JSON Schema for the OpenAPI document, so
// /docs always describes exactly what the services accept and what they answer; and the error
// responses every route shares.
import { z } from 'zod';

export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'openapi-3.0',
  }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

/**
 * A 200 response as OpenAPI documents it, from the contract's schema of what the server sends (its
 * output side: what a client reads), described by `description`.
 */
export function responseSchema(schema: z.ZodType, description: string): Record<string, unknown> {
  const out = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'any',
    target: 'openapi-3.0',
  }) as Record<string, unknown>;
  delete out.$schema;
  return { ...out, description };
}

/**
 * Route options for a route that sends JSON text it already holds (a memoised analysis or plan):
 * Fastify passes a string through unserialised, so its response schemas serve the OpenAPI document
 * only, and compiling serializers from them (tens of milliseconds per route at start-up) is skipped.
 * Error bodies, which are objects, are written with JSON.stringify.
 */
export const sendsText = {
  serializerCompiler: () => (data: unknown) => JSON.stringify(data),
};

export const errorResponse = {
  type: 'object',
  description: 'An error: code, message, and for invalid input the fields at fault',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: {
          type: 'string',
          enum: [
            'invalid',
            'unauthenticated',
            'forbidden',
            'not_found',
            'conflict',
            'too_large',
            'rate_limited',
            'unavailable',
            'internal',
          ],
        },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
        current: { description: 'On 409: the record as it is now stored, with its version' },
      },
      required: ['code', 'message'],
    },
  },
} as const;

const unauthenticated = { ...errorResponse, description: 'Not signed in, or the session has ended' };
const notFound = { ...errorResponse, description: 'No such record, or not releasable to you' };

/** Errors of a read. */
export const readErrorResponses = {
  401: unauthenticated,
  403: { ...errorResponse, description: 'Your role may not read this' },
  404: notFound,
};

/** Heavy work: the queue of analyses (or of optimality references) may be full. */
export const busyResponses = {
  503: {
    ...errorResponse,
    description: 'The server is busy: too many analyses running or waiting; retry after Retry-After seconds',
  },
};

/** Errors of a write. */
export const errorResponses = {
  400: { ...errorResponse, description: 'Invalid input: issues name each field and the reason' },
  401: unauthenticated,
  403: { ...errorResponse, description: 'Your role or nation may not make this change' },
  404: notFound,
  409: { ...errorResponse, description: 'Stale version, duplicate id, or still referenced' },
  413: { ...errorResponse, description: 'Body too large' },
};

export const versionQuery = {
  type: 'object',
  properties: { version: { type: 'integer', minimum: 1, description: 'The version you last read' } },
  required: ['version'],
} as const;

/** A 200 answered with a CSV file rather than JSON. */
export function csvResponse(description: string): Record<string, unknown> {
  return {
    description,
    headers: {
      'content-disposition': {
        description: 'attachment; filename="<scenario>-<kind>.csv"',
        schema: { type: 'string' },
      },
    },
    content: { 'text/csv': { schema: { type: 'string' } } },
  };
}

/** The answer of a search: hits, best first. */
export const searchResponse = {
  type: 'object',
  description: 'Records releasable to you whose text contains q, best match first',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', description: 'Record kind, e.g. offers, rotationPolicies' },
          key: { type: 'string', description: "The record's key: GET /api/scenarios/{id}/{kind path}/{key}" },
          label: { type: 'string', description: 'What a person calls the record' },
          field: { type: 'string', description: 'Dotted path of the field that matched, e.g. caveats.notes' },
          snippet: { type: 'string', description: 'The matched text in context, on one line' },
        },
        required: ['kind', 'key', 'label', 'field', 'snippet'],
      },
    },
    truncated: { type: 'boolean', description: 'More records matched than limit' },
  },
  required: ['items', 'truncated'],
} as const;
