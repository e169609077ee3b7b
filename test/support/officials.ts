import { createOfficial } from '../../src/auth/officials.ts';
import { SYSTEM_ACTOR } from '../../src/audit/write-audit.ts';
import type { Role } from '../../src/auth/roles.ts';
import type { AppContext } from '../../src/app-context.ts';
import { Agent, type TestApp } from './app.ts';

export const TEST_PASSWORD = 'Tortuga-Lenta-42';

let counter = 0;

/** Creates an official of the role (demo account: no second factor, test mode only). */
export async function createTestOfficial(ctx: AppContext, role: Role, scopes: { regions?: string[]; programs?: string[]; demo?: boolean } = {}) {
  const username = `${role.replace('_', '')}${++counter}`;
  await createOfficial(ctx, SYSTEM_ACTOR, {
    username,
    displayName: `Test ${role} ${counter}`,
    role,
    password: TEST_PASSWORD,
    regionScopes: scopes.regions ?? ['*'],
    programScopes: scopes.programs ?? ['*'],
    demoSkipsSecondFactor: scopes.demo ?? true,
  });
  return username;
}

/** An agent signed in as a new official of the role. */
export async function signedIn(t: TestApp, role: Role, scopes: { regions?: string[]; programs?: string[] } = {}) {
  const username = await createTestOfficial(t.ctx, role, scopes);
  const agent = new Agent(t.app);
  const r = await agent.post('/api/auth/login', { username, password: TEST_PASSWORD });
  if (r.statusCode !== 200 || r.json().next !== 'done') throw new Error(`login as ${role} failed: ${r.body}`);
  return Object.assign(agent, { username });
}
