// What a record form says when the API refuses a save, rendered to static HTML: a version conflict
// shows the record as it now stands with the way to reload it, a refusal gives the API's reason.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError, type StoredRecord } from '../api-client.ts';
import { DeliveryProblem } from './delivery-probability-page.tsx';
import { ProblemMessage, type FormProblem } from './edit-record-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const render = (problem: FormProblem) =>
  renderToStaticMarkup(
    <ProblemMessage
      problem={problem}
      kind="pledges"
      recordKey="PLG-1"
      onReload={() => undefined}
      onKeepMine={() => undefined}
    />,
  );

describe('ProblemMessage', () => {
  it('shows a version conflict with the current record and the ways on', () => {
    const current = {
      id: 'PLG-1',
      nation: 'GBR',
      amount: 5,
      currency: 'GBP',
      date: '2025-03-02',
      purpose: 'air defence',
      stage: 'allocated',
      version: 4,
      createdAt: '2025-03-02T00:00:00.000Z',
      updatedAt: '2025-03-04T10:00:00.000Z',
    } as unknown as StoredRecord<'pledges'>;
    const html = render({
      kind: 'conflict',
      current,
      error: new ApiError(409, 'conflict', 'stale', [], current),
    });
    expect(html).toMatch(/^<div class="form-error conflict" role="alert" tabindex="-1">/);
    expect(text(html)).toContain(
      'Someone else changed this funding pledge while you were editing it: it is now at version 4 (changed 4 Mar 2025, 10:00:00 UTC). Your changes were not saved.',
    );
    expect(html).toContain('<dt>stage</dt><dd>allocated</dd>');
    expect(text(html)).toMatch(/Reload the current version Keep my changes and save them over it$/);
  });

  it('gives the API’s reason for a refusal, and the issues that name no field', () => {
    const refused = render({
      kind: 'refused',
      error: new ApiError(
        403,
        'forbidden',
        'a liaison officer of GBR may only update records of its own nation',
      ),
    });
    expect(text(refused)).toBe(
      'Not permitted: a liaison officer of GBR may only update records of its own nation (HTTP 403, forbidden)',
    );
    const issues = render({
      kind: 'issues',
      issues: [{ path: 'releasability.nations', message: 'must list a nation' }],
    });
    expect(text(issues)).toBe('The funding pledge was not saved: releasability.nations : must list a nation');
    expect(text(render({ kind: 'unchanged' }))).toBe('Nothing has changed: there is nothing to save.');
  });
});

describe('the conflicts of the staff’s forms', () => {
  it('shows a network arc as it now stands, closures and all', () => {
    const current = {
      id: 'A-1',
      from: 'N-1',
      to: 'N-2',
      mode: 'road',
      transitDays: 2,
      capacityPerDay: { personnel: 100, tonnes: 200 },
      loadSize: { personnel: 10, tonnes: 20 },
      closures: [{ from: 3, to: 4, reason: 'Flood' }],
      version: 5,
      createdAt: '2025-03-02T00:00:00.000Z',
      updatedAt: '2025-03-04T10:00:00.000Z',
    } as unknown as StoredRecord<'arcs'>;
    const html = renderToStaticMarkup(
      <ProblemMessage
        problem={{ kind: 'conflict', current, error: new ApiError(409, 'conflict', 'stale', [], current) }}
        kind="arcs"
        recordKey="A-1"
        onReload={() => undefined}
        onKeepMine={() => undefined}
      />,
    );
    expect(text(html)).toContain('Someone else changed this network arc while you were editing it');
    expect(html).toContain('aria-label="Network arc A-1"');
    expect(text(html)).toContain('Flood');
  });

  it('shows the scenario’s delivery probabilities as they now stand, defaults named', () => {
    const html = renderToStaticMarkup(
      <DeliveryProblem
        problem={{
          kind: 'conflict',
          current: {
            version: 7,
            updatedAt: '2025-03-04T10:00:00.000Z',
            assumptions: { deliveryProbability: { cautious: 0.5 } },
          },
        }}
        onReload={() => undefined}
        onKeepMine={() => undefined}
      />,
    );
    expect(text(html)).toContain(
      'Someone else changed this scenario while you were editing: it is now at version 7 (changed 4 Mar 2025, 10:00:00 UTC).',
    );
    expect(html).toContain('<dt>cautious</dt><dd>0.5</dd>');
    expect(html).toContain('<dt>lead</dt><dd>default</dd>');
    expect(text(html)).toMatch(/Reload the current version Keep my changes and save them over it$/);
  });
});
