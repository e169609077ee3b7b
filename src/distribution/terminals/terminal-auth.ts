/**
 * The check of a signed terminal request: `terminalAuth`, a Fastify plugin for the
 * scope of the `/api/terminal/*` routes, sets `request.terminal` (a TerminalCaller)
 * and `request.rawBody`. The plugin lives in terminal-auth-plugin.ts (only routes
 * and plugins may import Fastify) and the rules in verify-terminal-request.ts.
 */
export { terminalAuth } from './terminal-auth-plugin.ts';
export { verifyTerminalRequest, verifyEd25519, ed25519PublicKey, type TerminalCaller } from './verify-terminal-request.ts';
