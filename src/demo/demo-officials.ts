import type { Role } from '../auth/roles.ts';

/** Shown on the login page and printed at start in demo mode; refused outside demo mode. */
export const DEMO_PASSWORD = 'Demo-Clave-2026';

export const DEMO_OFFICIALS: { username: string; displayName: string; role: Role; regionScopes: string[]; programScopes: string[] }[] = [
  { username: 'registrar', displayName: 'Rosa Quintero (registradora)', role: 'registrar', regionScopes: ['AN'], programScopes: [] },
  { username: 'manager', displayName: 'Martín Salas (gestor de programas)', role: 'program_manager', regionScopes: ['*'], programScopes: ['*'] },
  // A second program manager: a cycle over its budget opens only when another official than the one who ran it overrides it.
  { username: 'manager2', displayName: 'Mercedes Ortiz (gestora de programas)', role: 'program_manager', regionScopes: ['*'], programScopes: ['*'] },
  { username: 'agent', displayName: 'Alba Torres (agente de distribución)', role: 'distribution_agent', regionScopes: ['AN-01'], programScopes: ['*'] },
  { username: 'auditor', displayName: 'Aurelio Peña (auditor)', role: 'auditor', regionScopes: ['*'], programScopes: ['*'] },
  { username: 'analyst', displayName: 'Ana Lucía Ferrer (analista)', role: 'analyst', regionScopes: ['*'], programScopes: ['*'] },
];
