import { TermMatcher, type TermRule } from '../../registry/catalogue/term-matcher.ts';

/**
 * DESIGN.md commitment 2: no rule of a program that is not about identity may ask
 * whether someone holds a card or an identity document, or whether they are enrolled
 * in another program. Systems like this one have made food and medicine depend on
 * holding a politically run card; the words below are refused in any name a rule
 * uses — a variable, a field, a function, a catalogue key — however it is written
 * (case, accents, camelCase, digits for letters: the registry's term matcher).
 *
 * Borderline choices:
 * - "card" is a whole word, so `cardiac_condition` passes and `has_card`, `cards`,
 *   `kard` do not.
 * - every word starting with "enrol" is refused, school enrolment included: the
 *   language cannot tell a school from a program. Name a school fact for what it is
 *   (`attends_school`).
 * - identity documents (`document…`, `undocumented`, `cedula`) are refused too: many
 *   residents still lack documents, and that must not cost them a benefit.
 */
export type CardOrEnrolmentCategory = 'card' | 'enrolment' | 'document';

const TERMS: [CardOrEnrolmentCategory, TermRule<CardOrEnrolmentCategory>['mode'], string[]][] = [
  ['card', 'word', ['card', 'cardholder', 'tarjeta', 'carnet', 'credencial', 'qr', 'cedula', 'cedulado']],
  ['card', 'prefix', ['credential']],
  ['enrolment', 'prefix', ['enrol', 'inscrit', 'inscripcion', 'afiliad', 'program', 'beneficiar']],
  ['document', 'prefix', ['document', 'undocument', 'indocument']],
];

const matcher = new TermMatcher<CardOrEnrolmentCategory>({
  rules: TERMS.flatMap(([category, mode, forms]) => forms.map((form) => ({ category, mode, form }))),
});

const WHAT: Record<CardOrEnrolmentCategory, string> = {
  card: 'card ownership',
  enrolment: 'enrolment in a program',
  document: 'holding an identity document',
};

export interface CardOrEnrolmentTerm {
  category: CardOrEnrolmentCategory;
  /** The offending name, as written in the rule. */
  term: string;
  message: string;
}

/** The first card, document or enrolment word in a name, or undefined. Pure; never throws. */
export function findCardOrEnrolmentTerm(name: string): CardOrEnrolmentTerm | undefined {
  const hit = matcher.find(name);
  if (!hit) return undefined;
  return {
    category: hit.category,
    term: name,
    message:
      `${name} asks about ${WHAT[hit.category]} ("${hit.text}"): DESIGN.md commitment 2 forbids a rule of a program that is not ` +
      'about identity from depending on holding a card or document, or on enrolment in another program',
  };
}
