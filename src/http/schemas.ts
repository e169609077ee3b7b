import { z } from 'zod';

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('machine-readable code, see src/shared/domain-error.ts'),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .describe('Error');

/** The error responses every authenticated route may give, for the OpenAPI document. */
export const authErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  429: ErrorResponse,
} as const;
