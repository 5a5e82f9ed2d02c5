// Recording a decision and reopening one: the request a planner's form sends (and what it refuses
// before sending), the API's refusal put at its fields, the records newest first with "Reopen", and
// what a reopened record says: the same figures recomputed, or the inputs changed since.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../../src/contract/compare.ts';
import {
  BACKSTOP,
  BASELINE,
  DEFAULT_CRITERIA,
  GERMANY,
  compareEnvelope,
  decisionCheck,
  decisionRecord,
  fakeApi,
} from '../pages/compare-test-fixtures.ts';
import { DecisionFormView, recordDecision, type DecisionFormViewProps } from './decision-panel.tsx';
import { DecisionRecordsView, type ReopenState } from './decision-records.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

const scenarios = compareEnvelope().result.scenarios;

describe('recordDecision', () => {
  it('sends the variants, the criteria as edited, the course chosen and the rationale', async () => {
    const { client, requests } = fakeApi(() => ({ status: 201, body: decisionRecord() }));
    const criteria = [{ figure: 'matchedOnTime' as const, weight: 0, benchmark: null }, DEFAULT_CRITERIA[1]!];
    const outcome = await recordDecision(client, BASELINE.id, scenarios, criteria, {
      chosen: BACKSTOP.id,
      rationale: '  Closes the gap on time.  ',
    });
    expect(outcome.kind).toBe('recorded');
    expect(requests).toEqual([
      {
        method: 'POST',
        path: `/api/scenarios/${BASELINE.id}/decisions`,
        body: {
          variants: [BACKSTOP.id, GERMANY.id],
          criteria,
          chosen: BACKSTOP.id,
          rationale: 'Closes the gap on time.',
        },
      },
    ]);
  });

  it('records the comparison under the assumptions it was made with', async () => {
    const { client, requests } = fakeApi(() => ({ status: 201, body: decisionRecord() }));
    await recordDecision(
      client,
      BASELINE.id,
      scenarios,
      DEFAULT_CRITERIA,
      { chosen: GERMANY.id, rationale: 'Why' },
      { usBackstop: true, allowLate: false },
    );
    expect(requests[0]?.body).toMatchObject({ parameters: { usBackstop: true, allowLate: false } });
  });

  it('sends nothing without a course chosen and a rationale, or while the criteria have problems', async () => {
    const { client, requests } = fakeApi(() => ({ status: 201, body: decisionRecord() }));
    expect(
      await recordDecision(client, BASELINE.id, scenarios, DEFAULT_CRITERIA, { chosen: '', rationale: ' ' }),
    ).toEqual({
      kind: 'not-recorded',
      errors: {
        chosen: 'Choose the course of action decided on.',
        rationale: 'Say why this course of action was chosen.',
      },
      problem: null,
    });
    expect(
      (await recordDecision(client, BASELINE.id, scenarios, null, { chosen: BACKSTOP.id, rationale: 'Why' }))
        .kind,
    ).toBe('not-recorded');
    expect(requests).toEqual([]);
  });

  it('puts the API’s refusal at the fields it names, the rest above the form', async () => {
    const { client } = fakeApi(() => ({
      status: 400,
      body: {
        error: {
          code: 'invalid',
          message: 'The request is invalid',
          issues: [
            { path: 'rationale', message: 'must be at most 4000 characters' },
            { path: 'criteria[0].weight', message: 'must be at most 10' },
          ],
        },
      },
    }));
    const outcome = await recordDecision(client, BASELINE.id, scenarios, DEFAULT_CRITERIA, {
      chosen: BACKSTOP.id,
      rationale: 'x',
    });
    expect(outcome).toEqual({
      kind: 'not-recorded',
      errors: { rationale: 'Must be at most 4000 characters.' },
      problem: { kind: 'issues', issues: [{ path: 'criteria[0].weight', message: 'must be at most 10' }] },
    });
  });

  it('reports a refusal (403) as it is', async () => {
    const { client } = fakeApi(() => ({
      status: 403,
      body: { error: { code: 'forbidden', message: 'liaison officers may not record decisions' } },
    }));
    const outcome = await recordDecision(client, BASELINE.id, scenarios, DEFAULT_CRITERIA, {
      chosen: BACKSTOP.id,
      rationale: 'x',
    });
    expect(outcome.kind === 'not-recorded' && outcome.problem?.kind).toBe('refused');
  });
});

describe('DecisionFormView', () => {
  const props: DecisionFormViewProps = {
    scenarios,
    chosen: '',
    rationale: '',
    errors: {},
    problem: null,
    criteriaInvalid: false,
    sending: false,
    recorded: null,
    onChange: () => undefined,
    onSubmit: () => undefined,
  };

  it('shows each problem at its field, tied to it', () => {
    const html = renderToStaticMarkup(
      <DecisionFormView
        {...props}
        errors={{ chosen: 'Choose the course of action decided on.', rationale: 'Say why.' }}
      />,
    );
    const textarea = /<textarea[^>]*>/.exec(html)?.[0] ?? '';
    expect(textarea).toContain('aria-invalid="true"');
    const ids = /aria-describedby="([^"]+)"/.exec(textarea)?.[1]?.split(' ') ?? [];
    expect(html).toContain(`<p class="field-error" id="${ids[1]}" role="alert">Say why.</p>`);
    expect(html).toMatch(
      /<fieldset class="choice-list field-invalid" aria-describedby="([^"]+)">.*<p class="field-error" id="\1" role="alert">Choose the course of action decided on\.<\/p>/,
    );
  });

  it('says when the decision is recorded', () => {
    const html = renderToStaticMarkup(<DecisionFormView {...props} recorded={decisionRecord()} />);
    expect(text(html)).toContain('Decision recorded: US backstop chosen, 5 Mar 2025, 10:00:00 UTC.');
  });
});

describe('DecisionRecordsView', () => {
  const older = decisionRecord({ id: 'dec-0', decidedAt: '2025-03-01T09:00:00.000Z', chosen: BASELINE.id });
  const newer = decisionRecord();
  const render = (reopened: Record<string, ReopenState> = {}, records: DecisionRecord[] = [older, newer]) =>
    renderToStaticMarkup(
      <DecisionRecordsView records={records} reopened={reopened} onReopen={() => undefined} />,
    );

  it('lists the records newest first: chosen, rationale, who and when, each with “Reopen”', () => {
    const t = text(render());
    expect(t.indexOf('Chose US backstop')).toBeLessThan(t.indexOf('Chose Article, March 2025'));
    expect(t).toContain(
      'Chose US backstop, 5 Mar 2025, 10:00:00 UTC Closes the gap on time; the later closure is acceptable. Decided by planner-1 on 5 Mar 2025, 10:00:00 UTC.',
    );
    expect([...render().matchAll(/>Reopen<\/button>/g)]).toHaveLength(2);
  });

  it('says when there is none', () => {
    expect(text(render({}, []))).toBe('No decision has been recorded on this baseline.');
  });

  it('reopened unchanged: the figures recomputed are the same', () => {
    expect(text(render({ 'dec-1': { status: 'ready', check: decisionCheck() } }))).toContain(
      'Inputs unchanged since the decision; figures recomputed: the same.',
    );
  });

  it('reopened after changes: the inputs changed since, scenario by scenario', () => {
    const check = decisionCheck({
      status: 'changed',
      recomputed: null,
      scenarios: [
        { id: BASELINE.id, status: 'unchanged', changes: [] },
        {
          id: BACKSTOP.id,
          status: 'changed',
          changes: [
            { kind: 'header', key: 'mission', change: 'changed' },
            { kind: 'offers', key: 'OFF-DEU-01', change: 'changed' },
            { kind: 'offers', key: 'OFF-USA-11', change: 'added' },
          ],
        },
        { id: GERMANY.id, status: 'missing', changes: [] },
      ],
    });
    expect(text(render({ 'dec-1': { status: 'ready', check } }))).toContain(
      'Inputs changed since the decision: Article, March 2025 : inputs unchanged. US backstop : 3 inputs changed: Scenario header: mission: changed Offer OFF-DEU-01: changed Offer OFF-USA-11: added Germany joins : no longer exists.',
    );
  });

  it('reopened with the same inputs but other figures: which figures differ', () => {
    const check = decisionCheck({
      recomputed: {
        sameFigures: false,
        differences: [
          { key: 'matchedOnTime', recorded: [9_680, 18_940, 12_000], now: [9_680, 19_000, 12_000] },
        ],
      },
    });
    expect(text(render({ 'dec-1': { status: 'ready', check } }))).toContain(
      'Matched on time: recorded Article, March 2025 9,680, US backstop 18,940, Germany joins 12,000; now Article, March 2025 9,680, US backstop 19,000, Germany joins 12,000.',
    );
  });
});
