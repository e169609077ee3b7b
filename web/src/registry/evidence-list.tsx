import { useTranslation } from 'react-i18next';
import type { Evidence } from '../api/contracts.ts';
import { personPath } from '../console/console-pages.ts';
import { Link } from '../router/link.tsx';

/** The evidence of identity recorded for a person, in words; an introducer links to their record. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  const { t } = useTranslation();
  if (!evidence.length) return <p className="muted">{t('registry.evidence.none')}</p>;
  return (
    <ul className="evidence-list" data-testid="evidence-list">
      {evidence.map((e, i) => (
        <li key={i} data-testid="evidence" data-kind={e.kind}>
          <strong>{t(`registry.evidence.kinds.${e.kind}`)}</strong>
          {e.kind === 'document' && (
            <>
              {': '}
              {t(`registry.evidence.documentTypes.${e.type}`)} <span className="mono">{e.number}</span>
            </>
          )}
          {e.kind === 'introducer' && (
            <>
              {' — '}
              <Link to={personPath(e.introducerId)} data-testid="introducer-link">
                {t('registry.evidence.openIntroducer')}
              </Link>
            </>
          )}
          {e.kind !== 'document' && e.note && <p className="evidence-note">{e.note}</p>}
        </li>
      ))}
    </ul>
  );
}
