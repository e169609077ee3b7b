import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading.tsx';
import { Link } from '../router/link.tsx';
import { CONSOLE_HOME } from './console-pages.ts';

/** Also the answer for a page the role may not use: whether it exists is not theirs to learn. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('notFound.title')} testId="not-found-title" />
      <p>{t('notFound.text')}</p>
      <p>
        <Link to={CONSOLE_HOME}>{t('notFound.back')}</Link>
      </p>
    </>
  );
}
