/** A small persons CSV with one bad row of each kind and one typo'd duplicate (lines are 1-based, the header is line 1). */
export const SAMPLE_HEADER = 'household_ref,region_code,street,number,relationship,given_names,family_names,sex,birth_date,birth_date_declared,document_type,document_number,evidence_kind';
export const SAMPLE_CSV = [
  SAMPLE_HEADER,
  'H-1,AN-01-01,Calle Real,12,head,Carmen Julia,Sánchez de la Rosa,F,1971-02-09,,national_id,V-9876543,',
  'H-1,AN-01-01,,,child,Yorman,Díaz Sánchez,M,2009,true,,,household_head',
  'H-2,AN-01-02,Callejón El Sol,3,head,Pedro Pablo,Marcano Gil,M,1988-13-01,,,,sworn_declaration',
  'H-3,AN-01-02,Sector Brisas,,spouse,Ana,Gil,F,1990-05-05,,,,sworn_declaration',
  'H-4,SE-01-01,Calle Sucre,1,head,Luis,Mata Rojas,M,1960-01-01,,,,sworn_declaration',
  'H-5,AN-02-01,Urbanización Los Pinos,7,head,Carmen Yulia,Sanchez de la Rosa,F,1971-09-02,,,,sworn_declaration',
].join('\n');

