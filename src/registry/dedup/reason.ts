import type { Explanation, Reason, ReasonCode } from './types.ts';

/** The two values compared, as the registrar typed them, quoted in the explanation. */
export interface Compared {
  a: string;
  b: string;
}

type Template = (c: Compared) => Explanation;

const q = (s: string) => `“${s}”`;

/**
 * One sentence per code, in both console languages. Each names the values so that a
 * registrar can check the claim against the two records on screen.
 */
const TEMPLATES: Record<ReasonCode, Template> = {
  given_names_equal: ({ a, b }) => ({
    en: `Same given names: ${q(a)} and ${q(b)}.`,
    es: `Mismos nombres: ${q(a)} y ${q(b)}.`,
  }),
  given_names_sound_alike: ({ a, b }) => ({
    en: `Given names ${q(a)} and ${q(b)} are spelt differently but sound the same.`,
    es: `Los nombres ${q(a)} y ${q(b)} se escriben distinto pero suenan igual.`,
  }),
  given_names_similar: ({ a, b }) => ({
    en: `Given names ${q(a)} and ${q(b)} differ only by what looks like a typing error.`,
    es: `Los nombres ${q(a)} y ${q(b)} solo difieren en lo que parece un error de tipeo.`,
  }),
  given_names_subset: ({ a, b }) => ({
    en: `One record has only part of the given names of the other (${q(a)} / ${q(b)}).`,
    es: `Un registro tiene solo parte de los nombres del otro (${q(a)} / ${q(b)}).`,
  }),
  given_names_partial: ({ a, b }) => ({
    en: `Given names share one name but each has another that differs (${q(a)} / ${q(b)}): often siblings.`,
    es: `Los nombres comparten uno pero cada registro tiene otro distinto (${q(a)} / ${q(b)}): suele tratarse de hermanos.`,
  }),
  given_names_different: ({ a, b }) => ({
    en: `Different given names: ${q(a)} and ${q(b)}.`,
    es: `Nombres distintos: ${q(a)} y ${q(b)}.`,
  }),
  given_names_reordered: ({ a, b }) => ({
    en: `The given names they share are in another order or place (${q(a)} / ${q(b)}).`,
    es: `Los nombres que comparten están en otro orden o lugar (${q(a)} / ${q(b)}).`,
  }),
  given_names_first_missing: ({ a, b }) => ({
    en: `The first given name of one record is not in the other (${q(a)} / ${q(b)}); people seldom drop their first name, so this is often a sibling.`,
    es: `El primer nombre de un registro no está en el otro (${q(a)} / ${q(b)}); rara vez se omite el primer nombre, así que suele tratarse de un hermano.`,
  }),
  family_names_equal: ({ a, b }) => ({
    en: `Same family names: ${q(a)} and ${q(b)}.`,
    es: `Mismos apellidos: ${q(a)} y ${q(b)}.`,
  }),
  family_names_sound_alike: ({ a, b }) => ({
    en: `Family names ${q(a)} and ${q(b)} are spelt differently but sound the same.`,
    es: `Los apellidos ${q(a)} y ${q(b)} se escriben distinto pero suenan igual.`,
  }),
  family_names_similar: ({ a, b }) => ({
    en: `Family names ${q(a)} and ${q(b)} differ only by what looks like a typing error.`,
    es: `Los apellidos ${q(a)} y ${q(b)} solo difieren en lo que parece un error de tipeo.`,
  }),
  family_names_subset: ({ a, b }) => ({
    en: `One record lacks a family name that the other has (${q(a)} / ${q(b)}), e.g. the second family name was left out.`,
    es: `A un registro le falta un apellido que el otro tiene (${q(a)} / ${q(b)}), p. ej. se omitió el segundo apellido.`,
  }),
  family_names_partial: ({ a, b }) => ({
    en: `Family names share one name but the other differs (${q(a)} / ${q(b)}): often half-siblings or cousins.`,
    es: `Los apellidos comparten uno pero el otro es distinto (${q(a)} / ${q(b)}): suele tratarse de medio hermanos o primos.`,
  }),
  family_names_different: ({ a, b }) => ({
    en: `Different family names: ${q(a)} and ${q(b)}.`,
    es: `Apellidos distintos: ${q(a)} y ${q(b)}.`,
  }),
  family_names_reordered: ({ a, b }) => ({
    en: `The family names they share are in another order or place (${q(a)} / ${q(b)}); registrars seldom exchange family names, but unrelated people often carry the same ones in another order.`,
    es: `Los apellidos que comparten están en otro orden o lugar (${q(a)} / ${q(b)}); rara vez se intercambian al registrar, pero personas sin relación suelen llevar los mismos en otro orden.`,
  }),
  family_names_first_missing: ({ a, b }) => ({
    en: `The first family name of one record is not in the other (${q(a)} / ${q(b)}); it is the second that usually gets left out.`,
    es: `El primer apellido de un registro no está en el otro (${q(a)} / ${q(b)}); lo habitual es que se omita el segundo.`,
  }),
  names_in_other_fields: ({ a, b }) => ({
    en: `Given names and family names appear to have been typed in each other's fields (${q(a)} / ${q(b)}).`,
    es: `Los nombres y los apellidos parecen haberse escrito uno en el campo del otro (${q(a)} / ${q(b)}).`,
  }),
  common_names: ({ a }) => ({
    en: `Common names, which many unrelated people share, so agreeing on them counts for less: ${a}.`,
    es: `Nombres comunes, que comparten muchas personas sin relación entre sí, así que coincidir en ellos cuenta menos: ${a}.`,
  }),
  uncommon_names: ({ a }) => ({
    en: `Uncommon names, which few unrelated people share, so agreeing on them counts for more: ${a}.`,
    es: `Nombres poco comunes, que pocas personas sin relación entre sí comparten, así que coincidir en ellos cuenta más: ${a}.`,
  }),
  birth_date_exact: ({ a }) => ({
    en: `Same date of birth: ${a}.`,
    es: `Misma fecha de nacimiento: ${a}.`,
  }),
  birth_date_day_month_swapped: ({ a, b }) => ({
    en: `Dates of birth ${a} and ${b} are the same with day and month exchanged.`,
    es: `Las fechas de nacimiento ${a} y ${b} son la misma con el día y el mes intercambiados.`,
  }),
  birth_date_year_only_match: ({ a, b }) => ({
    en: `Same year of birth (${a} / ${b}); at least one record knows only the year.`,
    es: `Mismo año de nacimiento (${a} / ${b}); al menos un registro solo conoce el año.`,
  }),
  birth_date_one_digit_typo: ({ a, b }) => ({
    en: `Dates of birth ${a} and ${b} differ by one digit or two neighbouring digits exchanged.`,
    es: `Las fechas de nacimiento ${a} y ${b} difieren en un dígito o en dos dígitos vecinos intercambiados.`,
  }),
  birth_date_year_typo: ({ a, b }) => ({
    en: `Dates of birth ${a} and ${b} have the same day and month; the years differ by one, or by a mistyped digit.`,
    es: `Las fechas de nacimiento ${a} y ${b} tienen el mismo día y mes; los años difieren en uno, o en un dígito mal escrito.`,
  }),
  birth_date_within_one_year: ({ a, b }) => ({
    en: `Dates of birth ${a} and ${b} are less than a year apart (a declared, approximate date?).`,
    es: `Las fechas de nacimiento ${a} y ${b} están a menos de un año (¿una fecha declarada, aproximada?).`,
  }),
  birth_date_different: ({ a, b }) => ({
    en: `Different dates of birth: ${a} and ${b}.`,
    es: `Fechas de nacimiento distintas: ${a} y ${b}.`,
  }),
  sex_equal: ({ a }) => ({
    en: `Same sex recorded (${a}).`,
    es: `Mismo sexo registrado (${a}).`,
  }),
  sex_different: ({ a, b }) => ({
    en: `Different sex recorded (${a} / ${b}); this can be a typing error.`,
    es: `Sexo registrado distinto (${a} / ${b}); puede ser un error de tipeo.`,
  }),
  document_equal: ({ a }) => ({
    en: `Both records carry the same identity document (${a}). Two records with one document always need a registrar's decision.`,
    es: `Ambos registros tienen el mismo documento de identidad (${a}). Dos registros con un mismo documento siempre requieren la decisión de un registrador.`,
  }),
  document_number_near: ({ a, b }) => ({
    en: `Document numbers of the same type differ by one digit (${a} / ${b}): a typing error, or two people.`,
    es: `Los números de documento del mismo tipo difieren en un dígito (${a} / ${b}): un error de tipeo, o dos personas.`,
  }),
  document_conflict: ({ a, b }) => ({
    en: `Different numbers for the same kind of document (${a} / ${b}).`,
    es: `Números distintos para el mismo tipo de documento (${a} / ${b}).`,
  }),
  document_number_other_type: ({ a, b }) => ({
    en: `The same document number is recorded under different document types (${a} / ${b}).`,
    es: `El mismo número de documento está registrado con tipos de documento distintos (${a} / ${b}).`,
  }),
  same_household: () => ({
    en: 'Both records belong to the same household. Relatives share a household too, so this is weak evidence on its own.',
    es: 'Ambos registros pertenecen al mismo hogar. Los familiares también comparten hogar, así que por sí solo es un indicio débil.',
  }),
  same_household_same_names: () => ({
    en: 'Both records belong to the same household and carry the same names. Relatives share a household and family names, but seldom their given names too.',
    es: 'Ambos registros pertenecen al mismo hogar y llevan los mismos nombres. Los familiares comparten hogar y apellidos, pero rara vez también los nombres.',
  }),
  same_address: () => ({
    en: 'Both records have the same address. Relatives and neighbours share addresses too, so this is weak evidence on its own.',
    es: 'Ambos registros tienen la misma dirección. Familiares y vecinos también la comparten, así que por sí solo es un indicio débil.',
  }),
  same_region: ({ a }) => ({
    en: `Both records are registered in the same place (${a}).`,
    es: `Ambos registros están inscritos en el mismo lugar (${a}).`,
  }),
  nearby_region: ({ a, b }) => ({
    en: `Both records are in the same municipality (${a} / ${b}).`,
    es: `Ambos registros están en el mismo municipio (${a} / ${b}).`,
  }),
};

export function reason(code: ReasonCode, weight: number, compared: Compared): Reason {
  return { code, weight, explanation: TEMPLATES[code](compared) };
}
