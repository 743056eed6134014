// Hash routes of the single-page app: `#/` the project, `#/cases/<id>` one case, `#/training` training
// and models. The access token stays in the query string so a reload keeps working.
export type Route = { view: 'project' } | { view: 'case'; caseId: number } | { view: 'training' };

export function parseRoute(hash: string): Route {
  const m = /^#?\/cases\/(\d+)\/?$/.exec(hash);
  if (m) {
    const caseId = Number(m[1]);
    if (Number.isSafeInteger(caseId) && caseId > 0) return { view: 'case', caseId };
  }
  if (/^#?\/training\/?$/.test(hash)) return { view: 'training' };
  return { view: 'project' };
}

export function formatRoute(route: Route): string {
  if (route.view === 'case') return `#/cases/${route.caseId}`;
  return route.view === 'training' ? '#/training' : '#/';
}
