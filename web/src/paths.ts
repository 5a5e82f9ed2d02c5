// URLs of the UI's pages, built in one place so links and routes cannot drift apart.

export const HOME_PATH = '/';

/** `section` is a scenario page's slug (empty for the overview). */
export function scenarioPath(scenarioId: string, section = ''): string {
  const base = `/scenarios/${encodeURIComponent(scenarioId)}`;
  return section ? `${base}/${section}` : base;
}
