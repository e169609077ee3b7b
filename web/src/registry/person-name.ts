/** Given names first, as a person is addressed; family names keep their particles ("de la Cruz"). */
export const personName = (p: { givenNames: string; familyNames: string }) => `${p.givenNames} ${p.familyNames}`.trim();
