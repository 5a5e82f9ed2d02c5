// Turns the domain's zod schemas into JSON Schema for the OpenAPI document, so /docs always
// describes exactly what the services accept; and the error responses every route shares.
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
