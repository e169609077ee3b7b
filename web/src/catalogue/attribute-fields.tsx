import { useTranslation } from 'react-i18next';
import type { CatalogueEntry } from '../api/contracts.ts';
import { validAttributeText, type AttributeDraft } from './attribute-value.ts';
import { entryLabel, enumValueText } from './use-catalogue.ts';
import { SpecialMark } from './special-mark.tsx';

interface AttributeFieldsProps {
  entries: readonly CatalogueEntry[];
  draft: AttributeDraft;
  onChange: (key: string, text: string) => void;
  /** Makes the inputs' ids unique on a page with several people. */
  idPrefix: string;
  /** Marks the entries whose text is not of their type (after a submit). */
  showProblems: boolean;
}

/** One input per catalogue entry, of the entry's type, labelled in the official's language. */
export function AttributeFields({ entries, draft, onChange, idPrefix, showProblems }: AttributeFieldsProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="attribute-fields">
      {entries.map((entry) => {
        const id = attributeFieldId(idPrefix, entry.key);
        const text = draft[entry.key] ?? '';
        const invalid = showProblems && !validAttributeText(entry, text);
        const common = {
          id,
          value: text,
          'aria-invalid': invalid || undefined,
          'aria-describedby': invalid ? `${id}-problem` : undefined,
          'data-testid': `attribute-${entry.key}`,
        };
        return (
          <div className="field" key={entry.key} data-sensitivity={entry.sensitivity}>
            <label htmlFor={id}>
              {entryLabel(entry, i18n.language)} {entry.sensitivity === 'special' && <SpecialMark />}
            </label>
            {entry.type === 'boolean' && (
              <select {...common} onChange={(e) => onChange(entry.key, e.target.value)}>
                <option value="">{t('catalogue.value.notAnswered')}</option>
                <option value="true">{t('catalogue.value.yes')}</option>
                <option value="false">{t('catalogue.value.no')}</option>
              </select>
            )}
            {entry.type === 'enum' && (
              <select {...common} onChange={(e) => onChange(entry.key, e.target.value)}>
                <option value="">{t('catalogue.value.notAnswered')}</option>
                {entry.values.map((v) => (
                  <option key={v} value={v}>
                    {enumValueText(v)}
                  </option>
                ))}
              </select>
            )}
            {(entry.type === 'integer' || entry.type === 'decimal') && (
              <input {...common} inputMode={entry.type === 'integer' ? 'numeric' : 'decimal'} autoComplete="off" onChange={(e) => onChange(entry.key, e.target.value)} />
            )}
            {entry.type === 'date' && <input {...common} type="date" onChange={(e) => onChange(entry.key, e.target.value)} />}
            {invalid && (
              <p className="field-problem" id={`${id}-problem`}>
                {t(`catalogue.value.invalid.${entry.type}`)}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}

export const attributeFieldId = (prefix: string, key: string) => `${prefix}-attr-${key}`;
