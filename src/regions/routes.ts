import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { access } from '../auth/roles.ts';
import { listRegions } from './store.ts';

export const Region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['state', 'municipality', 'parish']),
  parentCode: z.string().nullable(),
});

export const regionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/regions', {
    config: { access: access.public },
    schema: { tags: ['regions'], summary: 'Administrative divisions (public)', response: { 200: z.object({ regions: z.array(Region) }) } },
  }, async () => ({
    regions: (await listRegions(ctx.db)).map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code })),
  }));
};
