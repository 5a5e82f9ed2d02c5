// The map of URLs to pages. A new top-level page is one entry in ROUTES; a new page within a
// scenario (force generation, funding, map, deployment…) is one entry in SCENARIO_SECTIONS, which
// also puts it in the scenario's section navigation. The sign-in page is not here: the app shell
// shows it whatever the session, before any of these.
import { AccountPasswordPage } from './pages/account-password-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { RecordPage } from './pages/record-page.tsx';
import { ScenarioLayout, type ScenarioSection } from './pages/scenario-layout.tsx';
import { ScenarioListPage } from './pages/scenario-list-page.tsx';
import { ScenarioOverviewPage } from './pages/scenario-overview-page.tsx';
import { ScenarioSearchPage } from './pages/scenario-search-page.tsx';
import { UsersPage } from './pages/users-page.tsx';
import { AUDIT_PATH, HOME_PATH, PASSWORD_PATH, RECORDS_SLUG, SEARCH_SLUG, USERS_PATH } from './paths.ts';
import type { Route } from './router.tsx';

export const SCENARIO_SECTIONS: readonly ScenarioSection[] = [
  { slug: '', label: 'Overview', render: () => <ScenarioOverviewPage /> },
];

export const ROUTES: readonly Route[] = [
  { path: HOME_PATH, render: () => <ScenarioListPage /> },
  ...SCENARIO_SECTIONS.map((section): Route => ({
    path: section.slug ? `/scenarios/:id/${section.slug}` : '/scenarios/:id',
    render: ({ id = '' }) => (
      <ScenarioLayout scenarioId={id} sections={SCENARIO_SECTIONS} current={section} />
    ),
  })),
  // Pages within a scenario that are not among its section tabs.
  {
    path: `/scenarios/:id/${SEARCH_SLUG}`,
    render: ({ id = '' }) => (
      <ScenarioLayout
        scenarioId={id}
        sections={SCENARIO_SECTIONS}
        current={{ slug: SEARCH_SLUG, label: 'Search', render: () => <ScenarioSearchPage /> }}
      />
    ),
  },
  {
    path: `/scenarios/:id/${RECORDS_SLUG}/:kind/:key`,
    render: ({ id = '', kind = '', key = '' }) => (
      <ScenarioLayout
        scenarioId={id}
        sections={SCENARIO_SECTIONS}
        current={{
          slug: RECORDS_SLUG,
          label: key,
          render: () => <RecordPage kindPath={kind} recordKey={key} />,
        }}
      />
    ),
  },
  { path: AUDIT_PATH, render: () => <AuditPage /> },
  { path: USERS_PATH, render: () => <UsersPage /> },
  { path: PASSWORD_PATH, render: () => <AccountPasswordPage /> },
];
