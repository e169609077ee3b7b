import type { z } from 'zod';
import type { Point, PointAgent, ServedProgram } from './schemas.ts';
import type { PointRow } from './store.ts';

export type PointView = z.infer<typeof Point>;

export const pointView = (p: PointRow): PointView => ({
  code: p.code,
  name: p.name,
  kind: p.kind,
  regionCode: p.region_code,
  status: p.status,
  createdAt: p.created_at.toISOString(),
  createdByName: p.created_by_name,
});

export const agentView = (a: { official_id: string; username: string; display_name: string; disabled_at: Date | null; assigned_at: Date; assigned_by_name: string }): z.infer<typeof PointAgent> => ({
  officialId: a.official_id,
  username: a.username,
  displayName: a.display_name,
  disabled: a.disabled_at !== null,
  assignedAt: a.assigned_at.toISOString(),
  assignedByName: a.assigned_by_name,
});

export const servedProgramView = (p: { code: string; name_es: string; name_en: string; sector: string; status: string }): z.infer<typeof ServedProgram> => ({
  code: p.code,
  name: { es: p.name_es, en: p.name_en },
  sector: p.sector,
  status: p.status,
});

