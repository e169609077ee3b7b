import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView, VersionView } from '../../api/contracts.ts';
import { getPerson, getPersonHistory, requestRemoval } from '../../api/registry.ts';
import { entryLabel, useCatalogue } from '../../catalogue/use-catalogue.ts';
import { SpecialMark } from '../../catalogue/special-mark.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { householdPath, personPath } from '../../console/console-pages.ts';
import { Link } from '../../router/link.tsx';
import { BirthDateText } from '../birth-date-text.tsx';
import { EvidenceList } from '../evidence-list.tsx';
import { HistoryTimeline } from '../history-timeline.tsx';
import { personName } from '../person-name.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { useAttributeText, useRecordValues } from '../record-values.tsx';
import { StatusBadge } from '../status-badge.tsx';
import { useRegions } from '../use-regions.ts';
import { CardsPanel } from './cards-panel.tsx';
import { CorrectForm } from './correct-form.tsx';
import { PhotoPanel } from './photo-panel.tsx';
import { RemovalRequestForm } from './removal-request-form.tsx';

type Panel = 'none' | 'correct' | 'removal';

/** A person's record: who they are, how that is known, their photo, and every version of the record. */
export function PersonPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  const catalogue = useCatalogue();
  const values = useRecordValues(catalogue.entries);
  const attributeText = useAttributeText();
  const [person, setPerson] = useState<PersonView>();
  const [history, setHistory] = useState<VersionView[]>();
  const [error, setError] = useState<unknown>();
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<'corrected' | 'removalRequested'>();
  const [attempt, setAttempt] = useState(0);
  const [hasPhoto, setHasPhoto] = useState<boolean>();
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    const fail = (failure: unknown) => !abort.signal.aborted && setError(failure);
    setError(undefined);
    getPerson(id, abort.signal).then(setPerson, fail);
    getPersonHistory(id, abort.signal).then(setHistory, fail);
    return () => abort.abort();
  }, [id, attempt]);

  const reloadHistory = useCallback(() => {
    getPersonHistory(id).then(setHistory, setError);
  }, [id]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const latest = history?.[history.length - 1]?.data;
  const mergedInto = typeof latest?.mergedInto === 'string' ? latest.mergedInto : undefined;
  const active = person?.status === 'active';
  const activeEntries = (catalogue.entries ?? []).filter((e) => e.status === 'active');
  const attributes = Object.entries(person?.attributes ?? {});

  return (
    <>
      <PageHeading title={person ? personName(person) : t('registry.person.title')} testId="person-title" />
      <ProblemMessage error={error} testId="person-error" />
      {!person && !error && <Loading />}
      {notice && (
        <p className="notice notice-ok" role="status" tabIndex={-1} ref={noticeRef} data-testid="person-notice">
          {t(`registry.person.notices.${notice}`)}
        </p>
      )}
      {person && (
        <>
          {person.status === 'tombstoned' && (
            <p className="banner banner-removed" role="note" data-testid="person-banner" data-status="tombstoned">
              <strong>{t('registry.person.tombstonedTitle')}</strong> {t('registry.person.tombstonedText')}
            </p>
          )}
          {person.status === 'merged' && (
            <p className="banner banner-merged" role="note" data-testid="person-banner" data-status="merged">
              <strong>{t('registry.person.mergedTitle')}</strong> {t('registry.person.mergedText')}{' '}
              {mergedInto && (
                <Link to={personPath(mergedInto)} data-testid="merged-into-link">
                  {t('registry.person.openMergedInto')}
                </Link>
              )}
            </p>
          )}
          <div className="person-layout">
            <section className="card" aria-labelledby="person-facts">
              <h2 id="person-facts">{t('registry.person.facts')}</h2>
              <dl className="facts" data-testid="person-facts">
                <dt>{t('registry.fields.givenNames')}</dt>
                <dd data-testid="person-given-names">{person.givenNames}</dd>
                <dt>{t('registry.fields.familyNames')}</dt>
                <dd data-testid="person-family-names">{person.familyNames}</dd>
                <dt>{t('registry.fields.sex')}</dt>
                <dd>{person.sex ? t(`registry.sex.${person.sex}`) : <span className="muted">{t('registry.notRecorded')}</span>}</dd>
                <dt>{t('registry.fields.birthDate')}</dt>
                <dd data-testid="person-birth-date">
                  <BirthDateText birthDate={person.birthDate} />
                </dd>
                <dt>{t('registry.fields.placeOfBirth')}</dt>
                <dd>{person.placeOfBirth ?? <span className="muted">{t('registry.notRecorded')}</span>}</dd>
                <dt>{t('registry.fields.phone')}</dt>
                <dd>{person.phone ?? <span className="muted">{t('registry.notRecorded')}</span>}</dd>
                <dt>{t('registry.fields.region')}</dt>
                <dd>{regions.fullName(person.regionCode)}</dd>
                <dt>{t('registry.fields.household')}</dt>
                <dd>
                  <Link to={householdPath(person.householdId)} data-testid="household-link">
                    {t('registry.person.openHousehold')}
                  </Link>{' '}
                  <span className="muted">({t(`registry.relationship.${person.relationship}`)})</span>
                </dd>
                <dt>{t('registry.fields.status')}</dt>
                <dd>
                  <StatusBadge status={person.status} />
                </dd>
                <dt>{t('registry.fields.version')}</dt>
                <dd data-testid="person-version">{person.version}</dd>
              </dl>
            </section>
            <PhotoPanel personId={person.id} name={personName(person)} editable={active} onPhotoKnown={setHasPhoto} />
            <section className="card" aria-labelledby="person-evidence">
              <h2 id="person-evidence">{t('registry.fields.evidence')}</h2>
              <EvidenceList evidence={person.evidence} />
            </section>
            <section className="card" aria-labelledby="person-attributes">
              <h2 id="person-attributes">{t('registry.person.attributes')}</h2>
              {attributes.length === 0 && person.withheldAttributes.length === 0 && (
                <p className="muted" data-testid="no-attributes">
                  {t('registry.person.noAttributes')}
                </p>
              )}
              {attributes.length > 0 && (
                <dl className="facts" data-testid="person-attributes-list">
                  {attributes.map(([key, value]) => {
                    const entry = catalogue.entries?.find((e) => e.key === key);
                    return (
                      <div key={key} className="fact-pair">
                        <dt>
                          {entry ? entryLabel(entry, i18n.language) : key} {entry?.sensitivity === 'special' && <SpecialMark />}
                        </dt>
                        <dd>{attributeText(value)}</dd>
                      </div>
                    );
                  })}
                </dl>
              )}
              {person.withheldAttributes.length > 0 && (
                <p className="muted withheld" data-testid="withheld-attributes">
                  {t('registry.person.withheld', {
                    list: person.withheldAttributes
                      .map((key) => {
                        const entry = catalogue.entries?.find((e) => e.key === key);
                        return entry ? entryLabel(entry, i18n.language) : key;
                      })
                      .join(', '),
                  })}
                </p>
              )}
            </section>
          </div>

          {active && panel === 'none' && (
            <div className="actions">
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setNotice(undefined);
                  setPanel('correct');
                }}
                data-testid="open-correct"
              >
                {t('registry.correct.open')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setNotice(undefined);
                  setPanel('removal');
                }}
                data-testid="open-removal"
              >
                {t('registry.removal.open')}
              </button>
            </div>
          )}
          {active && panel === 'correct' && (
            <CorrectForm
              key={person.version}
              person={person}
              catalogue={activeEntries}
              onSaved={(updated) => {
                setPerson(updated);
                setPanel('none');
                setNotice('corrected');
                reloadHistory();
              }}
              onCancel={() => setPanel('none')}
              onReload={() => setAttempt((n) => n + 1)}
            />
          )}
          {active && panel === 'removal' && (
            <RemovalRequestForm
              kind="person"
              send={(body) => requestRemoval(person.id, body)}
              onDone={() => {
                setPanel('none');
                setNotice('removalRequested');
              }}
              onCancel={() => setPanel('none')}
            />
          )}
          <CardsPanel personId={person.id} personActive={active} hasPhoto={hasPhoto} />
        </>
      )}
      {history && (
        <section className="card" aria-labelledby="person-history">
          <h2 id="person-history">{t('registry.history.title')}</h2>
          <HistoryTimeline versions={history} label={values.label} value={values.value} />
        </section>
      )}
    </>
  );
}
