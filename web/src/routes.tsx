// The map of URLs to pages. A new top-level page is one entry in ROUTES; a new page within a
// scenario (force generation, funding, map, deployment…) is one entry in SCENARIO_SECTIONS, which
// also puts it in the scenario's section navigation.
import { ScenarioLayout, type ScenarioSection } from './pages/scenario-layout.tsx';
import { ScenarioListPage } from './pages/scenario-list-page.tsx';
import { ScenarioOverviewPage } from './pages/scenario-overview-page.tsx';
import { HOME_PATH } from './paths.ts';
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
];
