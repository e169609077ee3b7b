import type { Relationship } from '../../api/contracts.ts';

/** The head first, then the closest relatives. */
const RELATIONSHIP_ORDER: readonly Relationship[] = ['head', 'spouse', 'child', 'parent', 'other'];

/** Members in the order a household is read out: by relationship, otherwise as given. */
export const orderedMembers = <M extends { relationship: Relationship }>(members: readonly M[]): M[] =>
  [...members].sort((a, b) => RELATIONSHIP_ORDER.indexOf(a.relationship) - RELATIONSHIP_ORDER.indexOf(b.relationship));
