import { TermMatcher, type PairRule, type TermRule } from './term-matcher.ts';

/**
 * Commitment 1 of DESIGN.md, "needs, not opinions", in code: the catalogue refuses
 * attributes about what a person thinks, believes, is born as or whom they love —
 * whatever language or spelling the key, a label or an enum value is written in.
 *
 * The list is Spanish, Portuguese and English. The matcher (term-matcher.ts) folds
 * case, accents, snake/camel/kebab case, spaces, digits-for-letters (r3ligion),
 * separators between letters (p.a.r.t.i.d.o), doubled letters and look-alike
 * letters, so each term is listed once per language, not once per spelling.
 *
 * Borderline choices (each one has a test in prohibited-attributes.test.ts, and the
 * reasoning is in README.md):
 *
 * - "party" (en) is refused on its own and in every compound except the listed
 *   harmless phrases "third party", "party size" and "responsible party". A false
 *   refusal costs an administrator a rename (household_group); a false acceptance
 *   costs the commitment. So `household_party` is refused.
 * - "partido" (es/pt) is always refused, although it can also mean a match or, in
 *   Argentina, a municipality: places are regions, never catalogue attributes. It is
 *   a whole word only: `compartida` (shared) passes.
 * - "union" alone is allowed ("unión estable de hecho" is a marriage-like household
 *   relationship, "credit union" a lender); "trade union", "union member",
 *   "sindicato", "sindicalizado", "gremial", strikes (huelga, greve) are refused.
 * - Party acronyms: a short list of ones that are not also common words (PSUV, PSOE,
 *   COPEI, FMLN, FSLN, UBCH) and of political-identity words (chavista, petista, …).
 *   Two- and three-letter acronyms that are ordinary words (PAN = bread, MAS = more,
 *   PT, PP, MUD) are not listed: they would refuse food and housing attributes.
 *   An installation adds its own parties here, in code, as a reviewed change.
 * - "carnet de la patria" and any "patria" together with a card word (carnet,
 *   tarjeta, card, código, QR, serial) are refused: holding a politically run
 *   card must never become a condition (DESIGN.md, commitment 2). "patria potestad"
 *   (parental authority, family law) is allowed.
 * - Voting: "vot…" at the start of a word (vote, voted, voter, voto, votos, votación,
 *   votou) is refused — "votos" as religious vows is refused all the same.
 *   "elect…" is not a stem, because electricity and electrodomésticos are needs;
 *   election, elección, eleição, electoral, elector, eleitor are listed instead.
 *   "selección" passes because terms match at the start of words only.
 * - Religion: the stem "religi" anywhere (so `religious_school_fee` is refused: a
 *   school fee is a need, the school's religion is not; name it `school_fee`),
 *   denominations, places of worship, baptism (a baptism certificate accepted as
 *   evidence of identity is an enrolment document, not a catalogue attribute),
 *   halal and kosher (record the dietary restriction itself, e.g. no_pork).
 *   "parroquia" and "parish" are administrative divisions and pass; "fe de vida"
 *   (proof of life for pensions) passes because "fe" is not listed.
 * - Ethnicity: race/raza/raça, etnia, skin colour in every wording, indigenous
 *   people (indígena, pueblos originarios), tribe/tribu/tribo, caste, census race
 *   categories that are not ordinary colour words (mestizo, mulato, pardo, zambo,
 *   caboclo, quilombola, afro…). Plain colour words (negro, blanco, moreno) pass —
 *   they describe things; "tribunal" and "tributo" pass; "ración"/"ração" (ration)
 *   pass; "indigente"/"indigencia" (destitution, a core need) pass because only
 *   indígena/indigenous are listed, not the stem "indigen". Nationality and preferred
 *   language are allowed: benefits and service need them.
 * - Sexual life: the stem "sexual" anywhere (so bisexual, homosexualidad, and also
 *   "violencia sexual": a survivor's need is recorded as the support it calls for,
 *   not as the event), orientation, gender identity and expression, LGBT words,
 *   sex work. "sex"/"sexo" and "género" alone pass: sex is part of the person record.
 * - Social media and messaging accounts, including WhatsApp and Telegram: the phone
 *   number is in the person record and notices go by SMS; an app account adds
 *   nothing a benefit needs and maps a person's network.
 * - Added categories, decided here: criminal record (convictions, arrests, prison —
 *   welfare must not punish twice; a member in prison is a household change, not an
 *   attribute) and biometric or genetic data other than the card photo
 *   (fingerprints, iris, facial templates, DNA).
 * - Health is not refused: the health facts a program needs (disability, chronic
 *   conditions, pregnancy) are exactly what the catalogue is for. Instead a health
 *   fact must be declared `special` (health-terms.ts), so that it is read only for
 *   the sectors it lists.
 *
 * What is checked: the key, every label in every language, and every enum value (an
 * enum "household_type" with values catholic/evangelical would smuggle religion in).
 * The legal basis is not checked: it may cite laws by name.
 */

export const PROHIBITED_CATEGORIES = {
  political_opinion: 'political opinion or party affiliation',
  voting: 'voting or election participation',
  religion: 'religion or belief',
  ethnicity: 'ethnicity, race, skin colour or membership of an indigenous people or tribe',
  union_membership: 'trade-union membership or activity',
  sexual_life: 'sexual life, sexual orientation or gender identity',
  social_media: 'social-media or messaging accounts',
  criminal_record: 'criminal record',
  biometrics: 'biometric or genetic data other than the card photo',
} as const;

export type ProhibitedCategory = keyof typeof PROHIBITED_CATEGORIES;

interface CategoryTerms {
  /** Whole words or phrases (spaces between words), plural +s/+es included. */
  word?: string[];
  /** Word starts. "stem !longer" allows the longer word. */
  prefix?: string[];
  /** Stems found anywhere inside one word. */
  inside?: string[];
}

const TERMS: Record<ProhibitedCategory, CategoryTerms> = {
  political_opinion: {
    word: [
      'party', 'parties', 'partido', 'opinion', 'opiniones', 'opiniao', 'opinioes',
      'oposicion', 'oposicao', 'opositor', 'opositora', 'opositores', 'oficialista', 'oficialismo', 'golpista',
      'madurista', 'petista', 'lulista', 'uribista', 'leftist', 'rightist', 'izquierdista', 'derechista',
      'esquerdista', 'direitista', 'nazi', 'left wing', 'right wing', 'punto rojo',
      'psuv', 'psoe', 'copei', 'fmln', 'fsln', 'ubch',
      'carnet de la patria', 'carnet patria', 'carnet de patria', 'carne da patria',
    ],
    prefix: [
      'politic', 'partidari', 'partidist', 'partisan', 'militan', 'simpatizan', 'sympathiz', 'sympathis',
      'disiden', 'dissiden', 'revolucionari', 'revolutionar', 'manifestant', 'protest', 'activis', 'ativis',
      'comunis', 'socialist', 'socialism', 'anarquis', 'anarchis', 'fascis', 'marxis', 'leninis', 'trotskis',
      'maois', 'peronis', 'kirchner', 'sandinis', 'bolsonar', 'fujimoris', 'ideolog',
    ],
    inside: ['politic', 'ideolog', 'chavis'],
  },
  voting: {
    word: [
      'ballot', 'sufragio', 'suffrage', 'turnout', 'abstencion', 'abstention', 'abstencao', 'abstencoes',
      'poll', 'referendum', 'referendo', 'comicios', 'elect', 'elected',
    ],
    prefix: [
      'vot', 'election', 'eleccion', 'eleic', 'elector', 'eleitor', 'reelect', 'reeleccion', 'reeleic', 'preelect',
      'postelect', 'sufragist', 'suffragist', 'sufragant', 'polling', 'plebiscit', 'abstencionis',
    ],
  },
  religion: {
    word: [
      'belief', 'creencia', 'crenca', 'credo', 'faith', 'church', 'churches', 'iglesia', 'igreja', 'mosque', 'mezquita',
      'mesquita', 'synagogue', 'sinagoga', 'temple', 'templo', 'jew', 'jewish', 'judio', 'judia', 'judeu', 'judaica',
      'ateo', 'atea', 'ateu', 'ateia', 'hindu', 'espirita', 'candomble', 'umbanda', 'diezmo', 'tithe', 'dizimo',
      'halal', 'kosher', 'clergy', 'clero', 'priest', 'rabbi', 'rabino', 'imam', 'cristao', 'cristaos',
    ],
    prefix: [
      'catolic', 'catholic', 'evangel', 'protestan', 'cristian', 'christian', 'musulman', 'muculman', 'muslim',
      'islam', 'judais', 'judaic', 'hinduis', 'budis', 'buddhis', 'budhis', 'ateis', 'atheis', 'agnostic', 'mormon',
      'adventis', 'pentecost', 'jehova', 'jeova', 'santer', 'espiritis', 'masoner', 'freemason', 'masonic',
      'bautiz', 'bautism', 'baptiz', 'baptis', 'batiz', 'batism', 'congregac', 'congregation', 'worship', 'sacerdot',
    ],
    inside: ['religi'],
  },
  ethnicity: {
    word: [
      'race', 'raza', 'raca', 'etnia', 'zambo', 'zamba', 'pardo', 'parda', 'caboclo', 'cafuzo', 'quilombola',
      'gitano', 'gitana', 'cigano', 'cigana', 'gypsy', 'gypsies', 'romani', 'tribe', 'tribal', 'tribu', 'tribo',
      'indigena', 'indigenous', 'indigeneity', 'ancestry', 'ascendencia', 'caste', 'casta', 'tez', 'complexion',
      'fenotipo', 'phenotype', 'skin color', 'skin colour', 'skin tone', 'colour of skin', 'color of skin',
      'color de piel', 'color de la piel', 'color piel', 'tono de piel', 'cor da pele', 'cor de pele', 'tom de pele',
      'pueblo originario', 'pueblos originarios', 'povo originario', 'povos originarios', 'first nation',
      'first nations',
    ],
    prefix: ['racial', 'racis', 'mestiz', 'mulat', 'indigenis', 'aborigin', 'afro !afront !afrodisi'],
    inside: ['ethnic', 'etnic', 'afrodesc'],
  },
  union_membership: {
    word: [
      'gremio', 'huelga', 'greve', 'strike', 'striker', 'trade union', 'labor union', 'labour union', 'union member',
      'union membership', 'union dues', 'union affiliation', 'union delegate', 'union leader', 'union activity',
      'union activities', 'shop steward',
    ],
    prefix: ['sindica', 'unionis', 'unioniz', 'gremial', 'huelguist', 'grevist'],
  },
  sexual_life: {
    word: [
      'gay', 'queer', 'trans', 'same sex', 'mismo sexo', 'mesmo sexo', 'non binary', 'nonbinary', 'no binario',
      'nao binario', 'gender identity', 'identidad de genero', 'identidade de genero', 'gender expression',
      'expresion de genero', 'expressao de genero', 'sex life', 'sex worker', 'sex work',
    ],
    prefix: ['lesbi', 'lgbt', 'transgen', 'transex', 'travesti', 'prostitu', 'homoafetiv'],
    inside: ['sexual', 'lgbt'],
  },
  social_media: {
    word: [
      'telegram', 'discord', 'reddit', 'mastodon', 'bluesky', 'kwai', 'twitch', 'wechat', 'wasap', 'guasap',
      'follower', 'seguidor', 'seguidora', 'seguidores', 'hashtag', 'social media', 'social network',
      'social networking', 'social profile', 'social handle', 'social account', 'red social', 'redes sociales',
      'rede social', 'redes sociais', 'midia social', 'midias sociais', 'medios sociales',
    ],
    prefix: ['twitter', 'tweet'],
    inside: ['facebook', 'instagram', 'whatsapp', 'tiktok', 'youtube', 'twitter', 'snapchat', 'linkedin', 'pinterest'],
  },
  criminal_record: {
    word: [
      'condena', 'penal', 'penales', 'prision', 'prisiones', 'prisao', 'prisoes', 'delinquente', 'criminal record',
      'police record', 'antecedentes penales', 'antecedentes criminales', 'antecedentes policiales',
      'antecedentes penais', 'antecedentes criminais', 'ficha criminal', 'ficha policial', 'registro criminal',
      'record criminal',
    ],
    prefix: [
      'criminal', 'condenad', 'arrest', 'encarcel', 'incarcerat', 'prison', 'prisioner', 'presidiari', 'reclus',
      'penitenciari', 'penitentiar', 'delincuen', 'offender', 'felon',
    ],
    inside: ['convict'],
  },
  biometrics: {
    word: [
      'iris', 'retina', 'dna', 'adn', 'genoma', 'genome', 'huella', 'facial recognition', 'reconocimiento facial',
      'reconhecimento facial', 'face template', 'facial template', 'faceprint', 'face print', 'huella dactilar',
      'huella digital', 'huellas dactilares', 'huellas digitales', 'impresion digital', 'impresion dactilar',
      'impressao digital', 'impressoes digitais',
    ],
    prefix: ['fingerprint', 'voiceprint', 'genetic', 'genotip', 'genotyp', 'dactiloscop', 'datiloscop'],
    inside: ['biometr', 'fingerprint'],
  },
};

/** Words found together anywhere in one text. */
const PAIRS: PairRule<ProhibitedCategory>[] = [
  {
    category: 'political_opinion',
    first: ['patria'],
    second: ['carnet', 'carne', 'card', 'cartao', 'tarjeta', 'codigo', 'code', 'serial', 'qr'],
  },
  {
    category: 'union_membership',
    first: ['union', 'uniao', 'unioes'],
    second: [
      'member', 'membership', 'miembro', 'afiliado', 'afiliada', 'afiliacion', 'filiado', 'filiada', 'filiacao',
      'socio', 'socia', 'dues', 'cuota', 'delegado', 'delegada', 'delegate', 'leader', 'lider', 'dirigente',
    ],
  },
  { category: 'sexual_life', first: ['orientation', 'orientacion', 'orientacao'], second: ['sex', 'sexo', 'sexual'] },
];

/** Harmless phrases whose words would otherwise match; they are taken out first. */
export const ALLOWED_PHRASES = [
  'third party', 'third parties', '3rd party', 'party size', 'responsible party',
  'credit union', 'union libre', 'union estable', 'union estable de hecho', 'union de hecho', 'union estavel',
  'uniao estavel', 'union civil', 'civil union', 'uniao civil', 'union consensual', 'consensual union',
  'uniao consensual', 'european union', 'union europea', 'uniao europeia',
  'patria potestad',
] as const;

function rulesOf(): TermRule<ProhibitedCategory>[] {
  const rules: TermRule<ProhibitedCategory>[] = [];
  for (const [category, terms] of Object.entries(TERMS) as [ProhibitedCategory, CategoryTerms][]) {
    for (const form of terms.word ?? []) rules.push({ category, form, mode: 'word' });
    for (const mode of ['prefix', 'inside'] as const) {
      for (const entry of terms[mode] ?? []) {
        const [form, ...except] = entry.split(' !');
        rules.push({ category, form: form!, mode, except });
      }
    }
  }
  return rules;
}

const matcher = new TermMatcher<ProhibitedCategory>({ rules: rulesOf(), pairs: PAIRS, allow: ALLOWED_PHRASES });

export interface AttributeText {
  key: string;
  labels?: Record<string, string> | undefined;
  /** Enum values, checked like labels. */
  values?: readonly string[] | undefined;
}

export type AttributeCheck =
  | { allowed: true }
  | {
      allowed: false;
      category: ProhibitedCategory;
      /** The offending word as written in the entry. */
      term: string;
      /** Where it was found: `key`, `labels.es`, `values`, … */
      field: string;
      /** The listed term it reads as (a stem for word starts). */
      matched: string;
      message: string;
    };

/**
 * Says whether a catalogue entry may exist. Checks the key, each label and each enum
 * value; the first offending word found (key first) is reported with its category.
 * Pure; never throws.
 */
export function checkAttributeAllowed(entry: AttributeText): AttributeCheck {
  const fields: [string, string][] = [['key', entry.key]];
  for (const [language, text] of Object.entries(entry.labels ?? {})) fields.push([`labels.${language}`, text]);
  for (const value of entry.values ?? []) fields.push(['values', value]);

  for (const [field, text] of fields) {
    if (typeof text !== 'string') continue;
    const hit = matcher.find(text);
    if (!hit) continue;
    const where = field === 'key' ? 'key' : field === 'values' ? 'enum value' : `label (${field.slice('labels.'.length)})`;
    const whole = hit.text === text ? '' : ` in "${text}"`;
    return {
      allowed: false,
      category: hit.category,
      term: hit.text,
      field,
      matched: hit.form,
      message:
        `attribute refused: the ${where} "${hit.text}"${whole} is about ${PROHIBITED_CATEGORIES[hit.category]}. ` +
        'The catalogue records needs, not opinions: it never holds this category, in any language (DESIGN.md, commitment 1).',
    };
  }
  return { allowed: true };
}
