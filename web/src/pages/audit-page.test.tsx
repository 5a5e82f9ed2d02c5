// An audit entry's changes rendered to static HTML: a promotion names the variant and lists the
// fields of the document that replaced the scenario's, not the wrapper around it.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/domain/records.ts';
import { AuditChanges } from './audit-page.tsx';

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    id: 7,
    at: '2026-12-06T05:00:00.000Z',
    actor: 'planner',
    scenarioId: 'article-2025-03',
    entity: 'scenario',
    nation: null,
    entityKey: 'article-2025-03',
    action: 'update-scenario',
    before: null,
    after: null,
    ...overrides,
  };
}

describe('AuditChanges', () => {
  it('shows a promotion as the document fields that changed, naming the variant', () => {
    const html = renderToStaticMarkup(
      <AuditChanges
        entry={entry({
          action: 'promote',
          before: { id: 'article-2025-03', mission: { forceTarget: { personnel: 100000 } } },
          after: {
            variant: 'article-us-backstop',
            document: { id: 'article-2025-03', mission: { forceTarget: { personnel: 60000 } } },
          },
        })}
      />,
    );
    expect(html).toContain('article-us-backstop');
    expect(html).toContain('mission.forceTarget.personnel');
    expect(html).not.toContain('>variant<');
    expect(html).toMatch(/Changed fields \(1 field\)/);
  });
});
