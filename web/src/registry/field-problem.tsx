import { useTranslation } from 'react-i18next';
import type { ProblemKey } from './enrol/member-draft.ts';

/** The ARIA attributes that tie an input to its problem, when it has one. */
export const problemProps = (id: string, problem: ProblemKey | undefined, hint?: string) => ({
  'aria-invalid': problem ? true : undefined,
  'aria-describedby': [problem ? `${id}-problem` : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
});

/** What is wrong with one input, right under it. */
export function FieldProblem({ id, problem }: { id: string; problem: ProblemKey | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p className="field-problem" id={`${id}-problem`} data-testid={`${id}-problem`}>
      {t(`registry.problems.${problem}`)}
    </p>
  );
}
