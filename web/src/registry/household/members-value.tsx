import { useTranslation } from 'react-i18next';
import type { PersonView, Relationship } from '../../api/contracts.ts';
import { personPath } from '../../console/console-pages.ts';
import { Link } from '../../router/link.tsx';
import { RELATIONSHIPS } from '../enrol/member-fields.tsx';
import { personName } from '../person-name.ts';
import { orderedMembers } from './member-order.ts';

/** One member as a household version records it. */
interface Membership {
  personId: string;
  relationship: Relationship;
}

const isMembership = (v: unknown): v is Membership =>
  typeof v === 'object' && v !== null && typeof (v as Membership).personId === 'string' && RELATIONSHIPS.includes((v as Membership).relationship);

/**
 * Who belonged to the household at a version, and how. Current members are named;
 * someone who has since left is a link to their record, which is read (and audited)
 * only if the official opens it.
 */
export function MembersValue({ value, current }: { value: unknown; current: readonly PersonView[] }) {
  const { t } = useTranslation();
  if (!Array.isArray(value) || !value.every(isMembership)) return <>{JSON.stringify(value)}</>;
  const names = new Map(current.map((m) => [m.id, personName(m)]));
  return (
    <ul className="plain-list" data-testid="history-members">
      {orderedMembers(value).map((m) => (
        <li key={m.personId} data-person-id={m.personId}>
          <Link to={personPath(m.personId)}>{names.get(m.personId) ?? t('registry.household.formerMember')}</Link> ({t(`registry.relationship.${m.relationship}`)})
        </li>
      ))}
    </ul>
  );
}
