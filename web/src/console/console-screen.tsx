import type { ReactNode } from 'react';
import type { ConsolePageId } from './console-pages.ts';
import { AuditLogPage } from './audit-log-page.tsx';
import { CheckpointsPage } from './checkpoints-page.tsx';
import { HomePage } from './home-page.tsx';

/** The component of each console page; `satisfies` makes a page without a screen a type error. */
const SCREENS = {
  home: () => <HomePage />,
  auditLog: () => <AuditLogPage />,
  checkpoints: () => <CheckpointsPage />,
} as const satisfies Record<ConsolePageId, () => ReactNode>;

export function ConsoleScreen({ page }: { page: ConsolePageId }) {
  return SCREENS[page]();
}
