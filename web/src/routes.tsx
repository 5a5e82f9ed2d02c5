// The map of URLs to pages. A new top-level page is one entry in ROUTES; a new page within a
// scenario (force generation, funding, map, deployment…) is one entry in SCENARIO_SECTIONS, which
// also puts it in the scenario's section navigation. The sign-in page is not here: the app shell
// shows it whatever the session, before any of these.
import { AccountPasswordPage } from './pages/account-password-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { BriefingPage } from './pages/briefing-page.tsx';
import { ComparePage } from './pages/compare-page.tsx';
import { COMPARE_SLUG } from './pages/compare-paths.ts';
import { CostPage } from './pages/cost-page.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { DeploymentPage, deploymentViewOf } from './pages/deployment-page.tsx';
import { ForceMatrixPage } from './pages/force-matrix-page.tsx';
import { editRecordRoutes } from './pages/edit-record-page.tsx';
import { FUNDING_SLUG, FundingPage } from './pages/funding-page.tsx';
import { NATIONS_SLUG, NationsPage } from './pages/nations-page.tsx';
import { RecordPage } from './pages/record-page.tsx';
import { ResiliencePage } from './pages/resilience-page.tsx';
import { RiskPage } from './pages/risk-page.tsx';
import { ScenarioLayout, type ScenarioSection } from './pages/scenario-layout.tsx';
import { ScenarioListPage } from './pages/scenario-list-page.tsx';
import { ScenarioOverviewPage } from './pages/scenario-overview-page.tsx';
import { ScenarioSearchPage } from './pages/scenario-search-page.tsx';
import { SustainmentPage } from './pages/sustainment-page.tsx';
import { UsersPage } from './pages/users-page.tsx';
import {
  AUDIT_PATH,
  BRIEFING_SLUG,
  COST_SLUG,
  DASHBOARD_SLUG,
  DEPLOYMENT_SLUG,
  FORCE_MATRIX_SLUG,
  HOME_PATH,
  PASSWORD_PATH,
  RECORDS_SLUG,
  RESILIENCE_SLUG,
  RISK_SLUG,
  SEARCH_SLUG,
  SUSTAINMENT_SLUG,
  USERS_PATH,
} from './paths.ts';
import type { Route } from './router.tsx';

export const SCENARIO_SECTIONS: readonly ScenarioSection[] = [
  { slug: DASHBOARD_SLUG, label: 'Dashboard', render: () => <DashboardPage /> },
  { slug: '', label: 'Overview', render: () => <ScenarioOverviewPage /> },
  { slug: FORCE_MATRIX_SLUG, label: 'Force generation', render: () => <ForceMatrixPage /> },
  { slug: RESILIENCE_SLUG, label: 'Resilience', render: () => <ResiliencePage /> },
  { slug: SUSTAINMENT_SLUG, label: 'Sustainment', render: () => <SustainmentPage /> },
  { slug: DEPLOYMENT_SLUG, label: 'Deployment', render: () => <DeploymentPage view="" /> },
  { slug: RISK_SLUG, label: 'Risk', render: () => <RiskPage /> },
  { slug: NATIONS_SLUG, label: 'Nations', render: () => <NationsPage /> },
  { slug: FUNDING_SLUG, label: 'Funding', render: () => <FundingPage /> },
  { slug: COST_SLUG, label: 'Cost', render: () => <CostPage /> },
  { slug: COMPARE_SLUG, label: 'Compare', render: () => <ComparePage /> },
  { slug: BRIEFING_SLUG, label: 'Briefing', render: () => <BriefingPage /> },
];

export const ROUTES: readonly Route[] = [
  { path: HOME_PATH, render: () => <ScenarioListPage /> },
  ...SCENARIO_SECTIONS.map((section): Route => ({
    path: section.slug ? `/scenarios/:id/${section.slug}` : '/scenarios/:id',
    render: ({ id = '' }) => (
      <ScenarioLayout scenarioId={id} sections={SCENARIO_SECTIONS} current={section} />
    ),
  })),
  // The deployment section's other views (ULN schedule, map, force list…), under its tab.
  {
    path: `/scenarios/:id/${DEPLOYMENT_SLUG}/:view`,
    render: ({ id = '', view = '' }) => (
      <ScenarioLayout
        scenarioId={id}
        sections={SCENARIO_SECTIONS}
        current={{
          slug: DEPLOYMENT_SLUG,
          label: `${deploymentViewOf(view)?.label ?? 'Not found'} · Deployment`,
          render: () => <DeploymentPage view={view} />,
        }}
      />
    ),
  },
  // Pages within a scenario that are not among its section tabs.
  ...editRecordRoutes(SCENARIO_SECTIONS),
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
