import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../components/loading.tsx';
import type { ConsolePageId, PageParams } from './console-pages.ts';
import { AuditLogPage } from './audit-log-page.tsx';
import { CheckpointsPage } from './checkpoints-page.tsx';
import { HomePage } from './home-page.tsx';

// The registry and catalogue screens load when first opened: the login and the home
// page stay small on a weak connection, and each role fetches only its own screens.
const SearchPage = lazy(() => import('../registry/search/search-page.tsx').then((m) => ({ default: m.SearchPage })));
const EnrolPage = lazy(() => import('../registry/enrol/enrol-page.tsx').then((m) => ({ default: m.EnrolPage })));
const ReviewQueuePage = lazy(() => import('../registry/review-queue-page.tsx').then((m) => ({ default: m.ReviewQueuePage })));
const RemovalsPage = lazy(() => import('../registry/removals-page.tsx').then((m) => ({ default: m.RemovalsPage })));
const ImportPage = lazy(() => import('../registry/import/import-page.tsx').then((m) => ({ default: m.ImportPage })));
const HouseholdPage = lazy(() => import('../registry/household-page.tsx').then((m) => ({ default: m.HouseholdPage })));
const PersonPage = lazy(() => import('../registry/person/person-page.tsx').then((m) => ({ default: m.PersonPage })));
const ProgramsPage = lazy(() => import('../programs/programs-page.tsx').then((m) => ({ default: m.ProgramsPage })));
const ProgramPage = lazy(() => import('../programs/program-page.tsx').then((m) => ({ default: m.ProgramPage })));
const ReconciliationPage = lazy(() => import('../distribution/reconciliation/reconciliation-page.tsx').then((m) => ({ default: m.ReconciliationPage })));
const ConflictsPage = lazy(() => import('../distribution/conflicts/conflicts-page.tsx').then((m) => ({ default: m.ConflictsPage })));
const PointsPage = lazy(() => import('../distribution/admin/points-page.tsx').then((m) => ({ default: m.PointsPage })));
const PointPage = lazy(() => import('../distribution/admin/point-page.tsx').then((m) => ({ default: m.PointPage })));
const CatalogueProposalsPage = lazy(() => import('../catalogue/catalogue-proposals-page.tsx').then((m) => ({ default: m.CatalogueProposalsPage })));

/** The component of each console page; `satisfies` makes a page without a screen a type error. */
const SCREENS = {
  home: () => <HomePage />,
  search: () => <SearchPage />,
  enrol: () => <EnrolPage />,
  reviewQueue: () => <ReviewQueuePage />,
  removals: () => <RemovalsPage />,
  import: () => <ImportPage />,
  auditLog: () => <AuditLogPage />,
  checkpoints: () => <CheckpointsPage />,
  catalogueProposals: () => <CatalogueProposalsPage />,
  // Keyed by the id, so that moving from one record to another starts afresh.
  household: (params) => <HouseholdPage key={params.id} id={params.id ?? ''} />,
  person: (params) => <PersonPage key={params.id} id={params.id ?? ''} />,
  programs: () => <ProgramsPage />,
  program: (params) => <ProgramPage key={params.code} code={params.code ?? ''} />,
  reconciliation: () => <ReconciliationPage />,
  conflicts: () => <ConflictsPage />,
  points: () => <PointsPage />,
  point: (params) => <PointPage key={params.code} code={params.code ?? ''} />,
} as const satisfies Record<ConsolePageId, (params: PageParams) => ReactNode>;

export function ConsoleScreen({ page, params }: { page: ConsolePageId; params: PageParams }) {
  return <Suspense fallback={<Loading />}>{SCREENS[page](params)}</Suspense>;
}
