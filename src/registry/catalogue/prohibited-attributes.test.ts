import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CATALOGUE } from './default-catalogue.ts';
import { checkAttributeAllowed, PROHIBITED_CATEGORIES, type ProhibitedCategory } from './prohibited-attributes.ts';
import { tokenise } from './term-matcher.ts';

/**
 * Commitment 1 in tests: each category in many spellings — Spanish, English,
 * Portuguese; accents or not; snake_case, camelCase, kebab-case, spaces, digits,
 * leetspeak, separators between letters, look-alike letters — and the legitimate
 * needs attributes that merely look similar, which must pass.
 */
const PROHIBITED: Record<ProhibitedCategory, string[]> = {
  political_opinion: [
    'partido', 'partido-politico', 'partido_político', 'partidoPolitico', 'PartidoPolítico', 'partidos', 'PARTIDO',
    'filiacion_partidaria', 'filiação partidária', 'afiliacionPartidaria', 'partidario', 'partidaria_de',
    'political_party', 'politicalParty', 'political-affiliation', 'political_opinion', 'opinión política',
    'opinião política', 'opinion', 'opiniones_sobre_el_gobierno', 'party', 'party_member', 'partyMembership',
    'household_party', 'p.a.r.t.i.d.o', 'p-a-r-t-i-d-o', 'p a r t i d o', 'pa.rti.do', 'p4rt1d0', 'parttido',
    'militancia', 'militante', 'militante_chavista', 'militância', 'militant', 'PSUV', 'psuv_member', 'isPSUV',
    'PSUVMember', 'carnet_de_la_patria', 'carnetDeLaPatria', 'carnet de la patria', 'tiene_carnet_patria',
    'codigo_patria', 'patria_qr', 'chavista', 'antichavista', 'oposicion', 'opositor', 'simpatizante',
    'sympathizer', 'ideologia', 'ideology', 'ideología', 'izquierdista', 'right_wing', 'leftWing', 'comunista',
    'communist', 'socialist', 'socialista', 'petista', 'bolsonarista', 'activista', 'ativista', 'activist',
    'protest_participation', 'participó_en_protestas', 'manifestante', 'politika', 'p0litica', 'apolitico',
    'punto_rojo', 'sympathises', 'dissident', 'revolucionario',
  ],
  voting: [
    'voted_2024', 'voted2024', 'votoEnElecciones', 'voto', 'votos', 'votó', 'votou', 'votante', 'votacion',
    'votación', 'votação', 'voter_registration', 'voter-id', 'VoterID', 'voting_history', 'v0t3d', 'vote',
    'votes_cast', 'elecciones', 'elección_2024', 'eleccion', 'eleição', 'eleições', 'election_participation',
    'elections', 'electoral', 'registro_electoral', 'centro_electoral', 'mesa-electoral', 'elector',
    'electorado', 'eleitor', 'eleitoral', 'titulo_de_eleitor', 'reelection', 'reelección', 'ballot', 'ballots',
    'sufragio', 'suffrage', 'turnout', 'abstención', 'abstention', 'abstencao', 'polling_station', 'referendum',
    'referendo_2017', 'plebiscito', 'comicios', 'participó en los comicios', 'e.l.e.c.c.i.o.n',
  ],
  religion: [
    'religion', 'religión', 'religião', 'Religion', 'RELIGIÓN', 'r3ligion', 'r3l1g10n', 'rreligion', 'relijion',
    'r.e.l.i.g.i.o.n', 'r-e-l-i-g-i-o-n', 'religious_school_fee', 'religiousAffiliation', 'religiosa',
    'afiliacion_religiosa', 'antireligioso', 'rеligion', 'creencia', 'creencias_religiosas', 'crença', 'belief',
    'beliefs', 'faith', 'credo', 'church', 'church_member', 'iglesia', 'miembro_iglesia', 'igreja', 'igreja_evangelica',
    'catolico', 'católica', 'catholic', 'katoliko', 'evangélico', 'evangelical', 'protestante', 'protestant',
    'cristiano', 'christian', 'cristão', 'musulmán', 'muçulmano', 'muslim', 'islam', 'islámico', 'judío', 'judia',
    'judeu', 'jewish', 'judaismo', 'hindu', 'budista', 'buddhist', 'ateo', 'ateu', 'atheist', 'ateísmo',
    'agnostico', 'agnostic', 'mormon', 'adventista', 'pentecostal', 'testigo_de_jehova', 'testemunha_de_jeova',
    'santeria', 'candomblé', 'umbanda', 'espirita', 'mosque', 'mezquita', 'sinagoga', 'synagogue', 'templo',
    'bautizado', 'baptized', 'batizado', 'bautismo', 'diezmo', 'dízimo', 'tithe', 'halal', 'kosher_diet',
    'masoneria', 'freemason', 'congregación', 'worship_place',
  ],
  ethnicity: [
    'raza', 'razas', 'raça', 'raca', 'race', 'Race', 'racial_group', 'grupo_racial', 'etnia', 'étnia', 'etnico',
    'grupo_étnico', 'ethnicity', 'ethnic_group', 'ethnicOrigin', 'etnicidade', 'multietnico', 'origen_etnico',
    'cor_da_pele', 'cor da pele', 'corDaPele', 'color_de_piel', 'colorDePiel', 'color de la piel', 'skin_colour',
    'skinColor', 'skin-tone', 'tono_de_piel', 'tom_de_pele', 'tez', 'complexion', 'indigena', 'indígena',
    'pueblo_indigena', 'povo_indigena', 'indigenous', 'indigenous_people', 'pueblos_originarios', 'first_nations',
    'aboriginal', 'tribu', 'tribe', 'tribo', 'tribal_membership', 'tribus', 'afrodescendiente', 'afro_descendiente',
    'afrodescendente', 'afroamericano', 'afro', 'mestizo', 'mestiza', 'mulato', 'mulatto', 'pardo', 'zambo',
    'quilombola', 'caboclo', 'gitano', 'cigano', 'gypsy', 'romani', 'caste', 'casta', 'ancestry', 'ascendencia',
    'racismo', 'racista', 'r4z4', 'e.t.n.i.a',
  ],
  union_membership: [
    'sindicato', 'sindicalizado', 'sindicalizada', 'sindical', 'afiliacion_sindical', 'afiliação sindical',
    'sindicalista', 'miembro_sindicato', 'SindicatoMember', 's1nd1cato', 'trade_union', 'tradeUnion',
    'trade-union-member', 'labor_union', 'labour union', 'union_member', 'unionMember', 'union_membership',
    'union_dues', 'unionized', 'unionised', 'unionist', 'miembro_union', 'afiliado_union', 'gremio', 'gremial',
    'huelga', 'huelguista', 'participó_en_huelga', 'greve', 'grevista', 'strike', 'strikes_joined', 'striker',
  ],
  sexual_life: [
    'orientacion_sexual', 'orientación sexual', 'orientação sexual', 'orientacao_sexual', 'sexual_orientation',
    'sexualOrientation', 'orientacion_sex', 'sexualidad', 'sexualidade', 'sexuality', 'vida_sexual', 'sex_life',
    'sexLife', 'homosexual', 'heterosexual', 'bisexual', 'homosexualidad', 'gay', 'es_gay', 'lesbiana', 'lésbica',
    'lesbian', 'lgbt', 'LGBTQ', 'lgbtiq_member', 'queer', 'trans', 'transgender', 'transgénero', 'transexual',
    'travesti', 'non_binary', 'nonBinary', 'no_binario', 'não binário', 'gender_identity', 'identidad_de_genero',
    'identidade de gênero', 'gender-expression', 'same_sex_partner', 'pareja_mismo_sexo', 'sex_worker',
    'trabajo_sexual', 'prostitucion', 'prostituição', 's3xual', 'violencia_sexual',
  ],
  social_media: [
    'facebook', 'Facebook', 'facebook_profile', 'perfil_facebook', 'cuentaFacebook', 'f4ceb00k', 'FaceBook', 'instagram',
    'instagram_handle', 'instagramHandle', 'instagramer', 'twitter', 'twitter_user', 'twitterHandle', 'tweets',
    'tiktok', 'tik_tok', 'TikTok', 'tik-tok', 'youtube', 'youtube_channel', 'whatsapp', 'whatsapp_number',
    'WhatsApp', 'numero_whatsapp', 'wasap', 'telegram', 'telegram_user', 'snapchat', 'linkedin', 'reddit',
    'discord', 'kwai', 'social_media', 'socialMedia', 'social media account', 'redes_sociales', 'red social',
    'redes sociais', 'rede_social', 'social_network', 'social-networks', 'social_profile', 'seguidores',
    'followers', 'hashtag',
  ],
  criminal_record: [
    'criminal_record', 'criminalRecord', 'antecedentes_penales', 'antecedentes penais', 'antecedentes_policiales',
    'ficha_policial', 'police_record', 'convicted', 'conviction', 'exconvicto', 'ex_convict', 'condenado',
    'condena', 'arrested', 'arresto', 'prision', 'prisión', 'prisão', 'prisoner', 'prisionero', 'presidiario',
    'encarcelado', 'incarcerated', 'recluso', 'penitenciario', 'delincuente', 'offender', 'felony',
  ],
  biometrics: [
    'fingerprint', 'fingerprints', 'huella_dactilar', 'huellas_dactilares', 'huella digital', 'impressao_digital',
    'impressão digital', 'iris', 'iris_scan', 'retina', 'facial_recognition', 'reconocimiento_facial',
    'reconhecimento facial', 'face_template', 'faceprint', 'biometria', 'biometric', 'datos_biometricos',
    'biométrico', 'voiceprint', 'dna', 'adn', 'dna_sample', 'genetic_data', 'datos_geneticos', 'genética',
    'genoma', 'genotipo', 'dactiloscopia',
  ],
};

const LEGITIMATE = [
  // The default catalogue and the needs DESIGN.md names.
  'monthly_income', 'income', 'ingreso_mensual', 'formal_employment', 'empleo_formal', 'disability',
  'discapacidad', 'deficiencia', 'chronic_condition_diabetes', 'chronic_condition_hypertension', 'owns_vehicle',
  'pregnant', 'embarazada', 'gestante', 'property_value', 'household_size', 'number_of_children',
  'estado_civil', 'marital_status', 'water_access', 'techo', 'roof_material', 'pension_amount', 'school_fee',
  'monthly_rent', 'renta_mensual', 'renda_mensal',
  // Look alike a listed word, but are needs.
  'party_size', 'third_party_income', 'third_party_support', 'income_from_third_parties', 'responsible_party',
  'racion', 'ración', 'ração', 'racionamiento', 'racional', 'razon', 'razón', 'indigente', 'indigencia',
  'indigent', 'parroquia', 'parish', 'electricity_access', 'electricidad', 'energia_electrica',
  'electrodomesticos', 'electrodependiente', 'seleccion_beneficiario', 'selection_round', 'vivienda_compartida',
  'habitacion_compartida', 'militar', 'veterano_militar', 'military_veteran', 'afiliacion_seguro_social',
  'afiliado_ivss', 'filiacion', 'seguridad_social', 'social_security_number', 'proteccion_social',
  'asistencia_social', 'union_libre', 'union_estable_de_hecho', 'uniao_estavel', 'credit_union_member',
  'socio_cooperativa', 'tributo', 'tributario', 'tribunal', 'tribunal_order', 'fe_de_vida', 'origen_ingresos',
  'descendencia', 'seguimiento', 'nacionalidad', 'nationality', 'preferred_language', 'idioma_preferido',
  'genero', 'sexo', 'sex', 'comedor_comunitario', 'community_kitchen', 'comunicacion', 'campana_vacunacion',
  'vaccination_campaign', 'foto', 'photo', 'pollo', 'mula', 'owns_mule', 'protesis', 'prótese', 'patria_potestad',
  'socializacion', 'island', 'afrecho', 'afrontar_gastos', 'castano', 'devoto_x', 'pivot_ordinal',
  'internet_nivel', 'ingresos_indicador', 'masonry_walls', 'transporte', 'transport_cost', 'trasplante',
  'grace_period', 'policy_number', 'numero_de_poliza', 'credito', 'crecimiento', 'actividad_economica',
  'activo', 'vocational_training', 'voucher', 'divorced', 'orientacion_vocacional', 'bolsa_familia',
  'clap_box', 'caja_clap', 'bono', 'pan', 'arroz', 'harina', 'union', 'member_count', 'miembros_hogar',
];

const caseCount = Object.values(PROHIBITED).reduce((n, list) => n + list.length, 0);

describe('prohibited attributes', () => {
  it(`has many spellings per category (${caseCount} prohibited, ${LEGITIMATE.length} legitimate)`, () => {
    assert.ok(caseCount >= 300, `only ${caseCount} prohibited cases`);
    for (const [category, list] of Object.entries(PROHIBITED)) assert.ok(list.length >= 25, `${category}: ${list.length} cases`);
  });

  for (const [category, spellings] of Object.entries(PROHIBITED) as [ProhibitedCategory, string[]][]) {
    describe(category, () => {
      for (const key of spellings) {
        it(`refuses ${JSON.stringify(key)}`, () => {
          const r = checkAttributeAllowed({ key });
          assert.equal(r.allowed, false, `${key} was allowed`);
          if (r.allowed) return;
          assert.equal(r.category, category, `${key}: ${r.category} "${r.term}"`);
          assert.equal(r.field, 'key');
          assert.ok(r.term.length > 0 && key.includes(r.term), `term "${r.term}" is a part of "${key}"`);
          assert.ok(r.message.includes(`"${r.term}"`), r.message);
          assert.ok(r.message.includes(PROHIBITED_CATEGORIES[category]), r.message);
        });
      }
    });
  }

  describe('legitimate needs that look similar', () => {
    for (const key of LEGITIMATE) {
      it(`allows ${JSON.stringify(key)}`, () => {
        const r = checkAttributeAllowed({ key, labels: { es: key.replaceAll('_', ' '), en: key.replaceAll('_', ' ') } });
        assert.deepEqual(r, { allowed: true }, r.allowed ? '' : `${key}: ${r.category} "${r.term}"`);
      });
    }
  });

  it('checks every label and names the language', () => {
    const r = checkAttributeAllowed({ key: 'household_type', labels: { es: 'Tipo de hogar', en: 'Household type', pt: 'Religião da família' } });
    assert.equal(r.allowed, false);
    if (r.allowed) return;
    assert.equal(r.field, 'labels.pt');
    assert.equal(r.category, 'religion');
    assert.equal(r.term, 'Religião');
    assert.match(r.message, /label \(pt\) "Religião" in "Religião da família" is about religion or belief/);
  });

  it('finds prohibited words inside natural-language labels', () => {
    const labels: [string, ProhibitedCategory][] = [
      ['¿Votó en las últimas elecciones?', 'voting'],
      ['Did the person vote in 2024?', 'voting'],
      ['Participa en actividades del partido', 'political_opinion'],
      ['Is a member of a trade union', 'union_membership'],
      ['Pertenece a un pueblo indígena', 'ethnicity'],
      ['Cuenta de Instagram del jefe de hogar', 'social_media'],
      ['Número de WhatsApp', 'social_media'],
      ['Asiste a la iglesia los domingos', 'religion'],
      ['É filiado a um sindicato', 'union_membership'],
      ['Tiene el Carnet de la Patria', 'political_opinion'],
    ];
    for (const [text, category] of labels) {
      const r = checkAttributeAllowed({ key: 'custom_flag', labels: { es: text, en: 'Flag' } });
      assert.equal(r.allowed ? 'allowed' : r.category, category, text);
    }
  });

  it('checks enum values too, so a neutral key cannot smuggle a category in', () => {
    const r = checkAttributeAllowed({ key: 'household_type', labels: { es: 'Tipo', en: 'Type' }, values: ['nuclear', 'catholic', 'other'] });
    assert.equal(r.allowed, false);
    if (r.allowed) return;
    assert.equal(r.field, 'values');
    assert.equal(r.term, 'catholic');
    const skin = checkAttributeAllowed({ key: 'category', labels: { es: 'Categoría', en: 'Category' }, values: ['blanco', 'mestizo', 'negro'] });
    assert.equal(skin.allowed ? 'allowed' : skin.category, 'ethnicity');
    assert.deepEqual(checkAttributeAllowed({ key: 'roof', labels: { es: 'Techo', en: 'Roof' }, values: ['zinc', 'concrete', 'thatch'] }), { allowed: true });
  });

  it('reports the key before the labels, and the most specific word', () => {
    const r = checkAttributeAllowed({ key: 'voted', labels: { es: 'Partido', en: 'Party' } });
    assert.equal(r.allowed ? '' : r.field, 'key');
    const protestant = checkAttributeAllowed({ key: 'protestant_church' });
    assert.equal(protestant.allowed ? '' : protestant.category, 'religion');
  });

  it('never throws on odd input', () => {
    for (const text of ['', ' ', '___', '2024', '🙂🙂', '\u0301', 'a'.repeat(5000), 'x\u0000y', 'ÀÉÎÕÜ', '𝐫𝐞𝐥𝐢𝐠𝐢𝐨𝐧']) {
      checkAttributeAllowed({ key: text, labels: { es: text, en: text } });
    }
    // Mathematical bold letters fold to plain ones (NFKD).
    assert.equal(checkAttributeAllowed({ key: '𝐫𝐞𝐥𝐢𝐠𝐢𝐨𝐧' }).allowed, false);
  });

  it('passes the default catalogue in every language', () => {
    for (const entry of DEFAULT_CATALOGUE) {
      const r = checkAttributeAllowed({ key: entry.key as string, labels: entry.labels as Record<string, string> });
      assert.deepEqual(r, { allowed: true }, String(entry.key));
    }
  });
});

describe('tokeniser', () => {
  const words = (s: string) => tokenise(s).map((t) => t.text);
  it('cuts snake, kebab, camel case, spaces and years, and joins spelled-out letters', () => {
    assert.deepEqual(words('votoEnElecciones'), ['voto', 'en', 'elecciones']);
    assert.deepEqual(words('PSUVMember_2024'), ['psuv', 'member']);
    assert.deepEqual(words('cor-da pele'), ['cor', 'da', 'pele']);
    assert.deepEqual(words('p.a.r.t.i.d.o'), ['partido']);
    assert.deepEqual(words('r3ligion'), ['r3ligion']);
    assert.deepEqual(words('Religião'), ['religiao']);
  });
  it('keeps offsets into the original text', () => {
    const [t] = tokenise('  Raça  ');
    assert.deepEqual(t && { start: t.start, end: t.end }, { start: 2, end: 6 });
  });
});
