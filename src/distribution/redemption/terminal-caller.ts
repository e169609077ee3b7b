/**
 * Who redeems: the terminal that signed the request and its agent (set by
 * `terminalAuth`, src/distribution/terminals/terminal-auth.ts). Re-exported so the
 * services of redemption, sync and identification name one type.
 */
export type { TerminalCaller } from '../terminals/terminal-auth.ts';
