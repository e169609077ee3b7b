import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, ERROR_CODES } from '../shared/domain-error.ts';

/** The body of every error response. */
export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

/**
 * Maps errors to `{ error: { code, message } }`. Only DomainErrors and validation
 * errors say what went wrong; anything else is a 500 that names the request id and
 * nothing more, so internals never leak.
 */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.status(ERROR_CODES[error.code]).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        where: error.validationContext,
        path: v.instancePath,
        message: v.message,
      }));
      const first = issues[0];
      const message = first ? `${first.where}${first.path.replaceAll('/', '.')}: ${first.message}` : 'invalid request';
      return reply.status(400).send(errorBody('VALIDATION_FAILED', message, { issues }));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(errorBody('RATE_LIMITED', 'too many requests; slow down and try again shortly'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500 && !isResponseSerializationError(error)) {
      // Fastify's own client errors: malformed JSON, body too large, bad content type.
      return reply.status(error.statusCode).send(errorBody('VALIDATION_FAILED', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', `internal error; quote request ${request.id}`));
  });
}
