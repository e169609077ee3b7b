import { useTranslation } from 'react-i18next';
import type { PersonStatus } from '../api/contracts.ts';

/** Active, tombstoned (removed, undoable) or merged into another record. */
export function StatusBadge({ status }: { status: PersonStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge" data-status={status}>
      {t(`registry.status.${status}`)}
    </span>
  );
}
