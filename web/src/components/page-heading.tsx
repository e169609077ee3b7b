import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { hasMovedWithinApp } from '../router/location.ts';

/**
 * The page's h1, which also names the browser tab. After an in-app move it takes the
 * focus, so that a screen reader announces the new page as a full load would.
 */
export function PageHeading({ title, testId }: { title: string; testId?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);
  useEffect(() => {
    if (hasMovedWithinApp()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} data-testid={testId ?? 'page-title'}>
      {title}
    </h1>
  );
}

