import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { access, type Role } from '../auth/roles.ts';
import { ErrorResponse, authErrors } from '../http/schemas.ts';
import { PSEUDONYM_SECTORS } from './derive.ts';
import { resolvePseudonym } from './service.ts';

const ResolveInput = z.object({
  sector: z.enum(PSEUDONYM_SECTORS as [string, ...string[]]),
  pseudonym: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'a pseudonym is 22 base64url characters'),
  reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(500),
});

export const pseudonymRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // The route admits both roles; the service decides the purpose each is recorded under.
  app.post('/api/pseudonyms/resolve', {
    config: { access: access.roles(['program_manager', 'distribution_agent'], 'eligibility') },
    schema: {
      tags: ['pseudonyms'],
      summary: "Resolve a sector pseudonym back to a person or household (audited, with the reason): joining a sector's data to a person is an approved act",
      body: ResolveInput,
      response: {
        200: z.object({
          subject: z.enum(['person', 'household']).describe('a person pseudonym, or a household one (household programs)'),
          personId: z.uuid().describe("the person, or the household's head"),
          householdId: z.uuid(),
          givenNames: z.string(),
          familyNames: z.string(),
          regionCode: z.string(),
        }),
        ...authErrors,
        404: ErrorResponse,
      },
    },
  }, async (request) => {
    const o = request.session!.official;
    return resolvePseudonym(ctx, { id: o.id, name: o.username, role: o.role as Role, regionScopes: o.regionScopes }, request.body, request.id);
  });
};
