import { useTranslation } from 'react-i18next';
import { BENEFIT_KINDS, FREQUENCIES, PROGRAM_SECTORS, PROGRAM_UNITS } from '../../../../src/programs/program-kinds.ts';
import { DESCRIPTION_MAX, fixedOnceRuled, PROGRAM_CODE_MAX, TEXT_MAX, type DefinitionDraft, type DefinitionField, type DefinitionProblem } from './definition-draft.ts';

interface DefinitionFieldsProps {
  /** Prefix of the inputs' ids and test ids: "new-program", "edit-program". */
  idPrefix: string;
  draft: DefinitionDraft;
  set: <K extends keyof DefinitionDraft>(key: K, value: DefinitionDraft[K]) => void;
  problem: (field: DefinitionField) => DefinitionProblem | undefined;
  /** A new program: the code is asked for (it never changes afterwards). */
  creating: boolean;
  /** The program has a published rule: what its numbers mean cannot change. */
  ruled: boolean;
}

/** The id of an input of the form, which its label, its problem and the tests name. */
export const fieldId = (prefix: string, field: DefinitionField) => `${prefix}-${field}`;

/**
 * The fields of a program's definition, shared by the new-program form and the edit
 * form: code (new only), names, descriptions, what is handed over and how it is counted,
 * how often, where. Each input carries its problem right under it.
 */
export function DefinitionFields({ idPrefix, draft, set, problem, creating, ruled }: DefinitionFieldsProps) {
  const { t } = useTranslation();
  const id = (field: DefinitionField) => fieldId(idPrefix, field);
  const locked = (field: keyof DefinitionDraft) => ruled && fixedOnceRuled(field);
  const aria = (field: DefinitionField, hint?: string) => ({
    'aria-invalid': problem(field) ? true : undefined,
    'aria-describedby': [problem(field) ? `${id(field)}-problem` : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
  });
  const problemLine = (field: DefinitionField) => {
    const found = problem(field);
    return found ? (
      <p className="field-problem" id={`${id(field)}-problem`} data-testid={`${id(field)}-problem`}>
        {t(`programs.console.problems.${found}`)}
      </p>
    ) : null;
  };
  const required = <span className="required-mark">{t('registry.required')}</span>;

  const text = (field: 'nameEs' | 'nameEn' | 'itemEs' | 'itemEn' | 'currency' | 'measure', options: { max: number; lang?: string; hint?: string; upper?: boolean }) => (
    <div className="field">
      <label htmlFor={id(field)}>
        {t(`programs.console.fields.${field}`)} {required}
      </label>
      <input
        id={id(field)}
        value={draft[field]}
        maxLength={options.max}
        autoComplete="off"
        lang={options.lang}
        disabled={locked(field)}
        onChange={(e) => set(field, options.upper ? e.target.value.toUpperCase() : e.target.value)}
        {...aria(field, options.hint ? `${id(field)}-hint` : undefined)}
        data-testid={id(field)}
      />
      {options.hint && (
        <p className="hint" id={`${id(field)}-hint`}>
          {options.hint}
        </p>
      )}
      {problemLine(field)}
    </div>
  );
  const description = (field: 'descriptionEs' | 'descriptionEn', lang: string) => (
    <div className="field field-wide">
      <label htmlFor={id(field)}>
        {t(`programs.console.fields.${field}`)} {required}
      </label>
      <textarea id={id(field)} rows={3} lang={lang} maxLength={DESCRIPTION_MAX} value={draft[field]} onChange={(e) => set(field, e.target.value)} {...aria(field)} data-testid={id(field)} />
      {problemLine(field)}
    </div>
  );
  const select = <K extends 'sector' | 'unit' | 'benefitKind' | 'frequency'>(field: K, options: readonly DefinitionDraft[K][], label: (value: DefinitionDraft[K]) => string) => (
    <div className="field">
      <label htmlFor={id(field)}>{t(`programs.console.fields.${field}`)}</label>
      <select id={id(field)} value={draft[field]} disabled={locked(field)} onChange={(e) => set(field, e.target.value as DefinitionDraft[K])} {...aria(field)} data-testid={id(field)}>
        {options.map((value) => (
          <option key={value} value={value}>
            {label(value)}
          </option>
        ))}
      </select>
      {problemLine(field)}
    </div>
  );

  return (
    <>
      {ruled && (
        <p className="notice notice-info" data-testid={`${idPrefix}-fixed`}>
          {t('programs.console.definition.fixedOnceRuled')}
        </p>
      )}
      <div className="field-grid">
        {creating && (
          <div className="field">
            <label htmlFor={id('code')}>
              {t('programs.console.fields.code')} {required}
            </label>
            <input
              id={id('code')}
              value={draft.code}
              maxLength={PROGRAM_CODE_MAX}
              autoComplete="off"
              spellCheck={false}
              className="mono"
              onChange={(e) => set('code', e.target.value.toLowerCase())}
              {...aria('code', `${id('code')}-hint`)}
              data-testid={id('code')}
            />
            <p className="hint" id={`${id('code')}-hint`}>
              {t('programs.console.hints.code')}
            </p>
            {problemLine('code')}
          </div>
        )}
        {text('nameEs', { max: TEXT_MAX, lang: 'es' })}
        {text('nameEn', { max: TEXT_MAX, lang: 'en' })}
        {description('descriptionEs', 'es')}
        {description('descriptionEn', 'en')}
        {select('sector', PROGRAM_SECTORS, (s) => t(`catalogue.sectors.${s}`))}
        {select('unit', PROGRAM_UNITS, (u) => t(`programs.units.${u}`))}
        {select('benefitKind', BENEFIT_KINDS, (k) => t(`programs.console.benefitKinds.${k}`))}
        {select('frequency', FREQUENCIES, (f) => t(`programs.frequencies.${f}`))}
        {text('itemEs', { max: TEXT_MAX, lang: 'es', hint: t('programs.console.hints.itemEs') })}
        {text('itemEn', { max: TEXT_MAX, lang: 'en', hint: t('programs.console.hints.itemEn') })}
        {text('currency', { max: 3, upper: true, hint: t('programs.console.hints.currency') })}
        {draft.benefitKind === 'in_kind' ? (
          text('measure', { max: 30, hint: t('programs.console.hints.measure') })
        ) : (
          <div className="field">
            <p className="label-like">{t('programs.console.fields.measure')}</p>
            <p className="hint" data-testid={id('measure')}>
              {t('programs.console.hints.cashMeasure', { currency: draft.currency.trim() || '…' })}
            </p>
          </div>
        )}
        <div className="field field-wide">
          <label htmlFor={id('distributionPoints')}>{t('programs.console.fields.distributionPoints')}</label>
          <textarea
            id={id('distributionPoints')}
            rows={2}
            spellCheck={false}
            className="mono"
            value={draft.distributionPoints}
            onChange={(e) => set('distributionPoints', e.target.value)}
            {...aria('distributionPoints', `${id('distributionPoints')}-hint`)}
            data-testid={id('distributionPoints')}
          />
          <p className="hint" id={`${id('distributionPoints')}-hint`}>
            {t('programs.console.hints.distributionPoints')}
          </p>
          {problemLine('distributionPoints')}
        </div>
        <div className="field field-wide">
          <label className="check">
            <input
              type="checkbox"
              checked={draft.partialPickups}
              onChange={(e) => set('partialPickups', e.target.checked)}
              aria-describedby={`${id('partialPickups')}-hint`}
              data-testid={id('partialPickups')}
            />
            <span>{t('programs.console.fields.partialPickups')}</span>
          </label>
          <p className="hint" id={`${id('partialPickups')}-hint`}>
            {t('programs.console.hints.partialPickups')}
          </p>
        </div>
      </div>
    </>
  );
}
