// Turns the domain's zod schemas into JSON Schema for the OpenAPI document, so /docs always
// describes exactly what the services accept.
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
        code: { type: 'string', enum: ['invalid', 'not_found', 'conflict', 'too_large', 'internal'] },
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

export const errorResponses = {
  400: { ...errorResponse, description: 'Invalid input: issues name each field and the reason' },
  404: { ...errorResponse, description: 'No such scenario or record' },
  409: { ...errorResponse, description: 'Stale version, duplicate id, or still referenced' },
  413: { ...errorResponse, description: 'Body too large' },
};

export const versionQuery = {
  type: 'object',
  properties: { version: { type: 'integer', minimum: 1, description: 'The version you last read' } },
  required: ['version'],
} as const;
