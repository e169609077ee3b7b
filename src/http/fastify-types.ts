import type { Access } from '../auth/roles.ts';
import type { OfficialSession } from '../auth/session.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required on every route (see src/auth/access-plugin.ts). */
    access?: Access;
  }
  interface FastifyRequest {
    /** Set by the access plugin when the request carries a live session cookie. */
    session: OfficialSession | undefined;
  }
}

export {};
