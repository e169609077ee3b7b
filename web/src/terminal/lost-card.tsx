import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/error-message.tsx';
import { identifyPerson } from './terminal-api.ts';
import type { DeviceIdentity } from './terminal-store.ts';
import type { Due, IdentifyMatch } from './terminal-types.ts';

/** The written reason must say something: the search is audited with it. */
const MIN_REASON = 10;

/**
 * A person who lost the card: a search by name (and birth date) with a written reason,
 * online only and audited by the server; the match found stands in for the card.
 */
export function LostCard({ device, onChosen, onCancel }: { device: DeviceIdentity; onChosen: (token: string, due: Due[]) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ givenNames: '', familyNames: '', birthDate: '', reason: '' });
  const [matches, setMatches] = useState<IdentifyMatch[]>();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const reasonShort = form.reason.trim().length < MIN_REASON;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reasonShort || !form.givenNames.trim() || !form.familyNames.trim()) return;
    setWorking(true);
    setError(undefined);
    try {
      const answer = await identifyPerson(device, {
        givenNames: form.givenNames.trim(),
        familyNames: form.familyNames.trim(),
        ...(form.birthDate ? { birthDate: form.birthDate } : {}),
        reason: form.reason.trim(),
      });
      setMatches(answer.matches);
    } catch (failure) {
      setError(failure);
    }
    setWorking(false);
  };

  const field = (name: keyof typeof form, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`lost-${name}`}>{label}</label>
      {name === 'reason' ? (
        <textarea id={`lost-${name}`} rows={3} maxLength={500} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} data-testid={`lost-${name}`} />
      ) : (
        <input id={`lost-${name}`} type={type} maxLength={120} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} data-testid={`lost-${name}`} />
      )}
    </div>
  );

  return (
    <section className="terminal-card stack" data-testid="lost-card-search">
      <h2>{t('terminal.lost.title')}</h2>
      <p className="muted">{t('terminal.lost.intro')}</p>
      <form className="stack" onSubmit={submit} noValidate>
        {field('givenNames', t('terminal.lost.givenNames'))}
        {field('familyNames', t('terminal.lost.familyNames'))}
        {field('birthDate', t('terminal.lost.birthDate'), 'date')}
        {field('reason', t('terminal.lost.reason'))}
        {reasonShort && form.reason && <p className="field-problem">{t('terminal.lost.reasonShort', { count: MIN_REASON })}</p>}
        <ErrorMessage error={error} testId="lost-error" />
        <button type="submit" className="primary big-button" disabled={working || reasonShort} data-testid="lost-submit">
          {t('terminal.lost.search')}
        </button>
      </form>
      {matches && matches.length === 0 && <p data-testid="lost-none">{t('terminal.lost.none')}</p>}
      {matches && matches.length > 0 && (
        <ul className="due-items" data-testid="lost-matches">
          {matches.map((m) => (
            <li key={m.token} className="due-item">
              <p>
                <strong>{m.name}</strong> {m.birthYear ? `· ${m.birthYear}` : ''}
              </p>
              <button type="button" className="big-button" onClick={() => onChosen(m.token, m.due)} data-testid="lost-choose">
                {t('terminal.lost.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="link-button" onClick={onCancel} data-testid="lost-cancel">
        {t('terminal.handOver.cancel')}
      </button>
    </section>
  );
}
