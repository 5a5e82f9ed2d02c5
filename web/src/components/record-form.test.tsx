// The record forms without a browser: how form text becomes a record and a merge patch, where each of
// the API's issues is shown, and the rendered form with an error next to its field.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StaticRouterProvider } from '../router.tsx';
import { RecordForm } from './record-form.tsx';
import {
  fieldOfIssue,
  issuesByField,
  offerFields,
  parseNumber,
  patchOf,
  pledgeFields,
  recordOf,
  stanceFields,
  valuesOf,
  type FormErrors,
} from './record-form-model.ts';

const ctx = {
  nations: [
    { id: 'FRA', name: 'France' },
    { id: 'GBR', name: 'United Kingdom' },
  ],
  capabilities: [{ code: 'MECH-INF-BN', name: 'Mechanised infantry battalion' }],
};

const storedOffer = {
  id: 'OFF-GBR-02',
  nation: 'GBR',
  capability: 'MECH-INF-BN',
  quantity: 7,
  personnel: 4550,
  tonnes: 12000,
  readiness: { level: 'L2', daysToReady: 30 },
  status: 'confirmed',
  caveats: { excludedSectors: ['Kyiv'], allowedTasks: [], requiresUsBackstop: false },
  source: { publication: 'Planning note', date: '2025-03-02' },
  releasability: { level: 'COALITION', nations: [] },
  version: 3,
  createdAt: '2025-03-02T00:00:00.000Z',
  updatedAt: '2025-03-03T00:00:00.000Z',
};

describe('form values and records', () => {
  it('reads a stored record into text and back without change', () => {
    const fields = offerFields(ctx);
    const values = valuesOf(fields, storedOffer);
    expect(values.quantity).toBe('7');
    expect(values['readiness.level']).toBe('L2');
    expect(values['caveats.excludedSectors']).toBe('Kyiv');
    expect(values['caveats.requiresUsBackstop']).toBe(false);
    expect(values['source.url']).toBe('');
    const { record, errors } = recordOf(fields, values);
    expect(errors).toEqual({});
    expect(patchOf(fields, storedOffer, record)).toEqual({});
  });

  it('patches only what changed, removes emptied fields with null, and never the key', () => {
    const fields = offerFields(ctx);
    const values = {
      ...valuesOf(fields, storedOffer),
      quantity: '3',
      'caveats.excludedSectors': 'Kyiv, Odesa',
      'source.date': '',
      validUntil: '2025-12-31',
    };
    const { record } = recordOf(fields, values, { skipKey: true });
    expect(patchOf(fields, storedOffer, record)).toEqual({
      quantity: 3,
      validUntil: '2025-12-31',
      caveats: { excludedSectors: ['Kyiv', 'Odesa'] },
      source: { date: null },
    });
  });

  it('removes a whole group the form emptied, and leaves fields the form does not show alone', () => {
    const fields = offerFields(ctx);
    const values = { ...valuesOf(fields, storedOffer), 'source.publication': '', 'source.date': '' };
    const { record } = recordOf(fields, values, { skipKey: true });
    const patch = patchOf(fields, storedOffer, record);
    expect(patch).toEqual({ source: null });
    expect(patch).not.toHaveProperty('releasability');
  });

  it('builds a new pledge, reading amounts as people type them', () => {
    const fields = pledgeFields(ctx);
    const { record, errors } = recordOf(fields, {
      ...valuesOf(fields, undefined),
      id: ' PLG-FRA-1 ',
      nation: 'FRA',
      amount: '1,600,000,000',
      currency: 'EUR',
      date: '2025-03-05',
      stage: 'committed',
      purpose: 'air defence',
    });
    expect(errors).toEqual({});
    expect(record).toEqual({
      id: 'PLG-FRA-1',
      nation: 'FRA',
      amount: 1_600_000_000,
      currency: 'EUR',
      date: '2025-03-05',
      stage: 'committed',
      purpose: 'air defence',
    });
  });

  it('names each required field left empty and each number that is not one', () => {
    const fields = pledgeFields(ctx);
    const { errors } = recordOf(fields, { ...valuesOf(fields, undefined), amount: 'lots' });
    expect(errors).toEqual({
      id: 'Enter the pledge id.',
      nation: 'Choose the nation.',
      amount: 'Enter a number, e.g. 1500000.',
      currency: 'Enter the currency.',
      date: 'Enter the date.',
      stage: 'Choose the stage.',
      purpose: 'Enter the purpose.',
    });
    expect(recordOf(stanceFields(ctx), valuesOf(stanceFields(ctx), undefined)).errors.statement).toBe(
      'Enter the statement.',
    );
  });

  it('parses numbers with separators and refuses anything else', () => {
    expect(parseNumber('1 600 000')).toBe(1_600_000);
    expect(parseNumber('1_000.5')).toBe(1000.5);
    expect(parseNumber('-5')).toBe(-5);
    expect(parseNumber('1e9')).toBe(1e9);
    for (const bad of ['', 'abc', '1.2.3', '€5', 'Infinity', '--1'])
      expect(parseNumber(bad), bad).toBeUndefined();
  });
});

describe('issuesByField', () => {
  const fields = offerFields(ctx);

  it('puts each issue on the field of its path, or the field it is inside', () => {
    const { errors, general } = issuesByField(fields, [
      { path: 'quantity', message: 'must be at least 1' },
      { path: 'readiness.daysToReady', message: 'must be at most 60 days for readiness level RDL' },
      { path: 'caveats.excludedSectors[1]', message: 'must not be empty' },
      { path: 'source', message: 'Invalid input' },
      { path: 'releasability.nations', message: 'must list at least one nation for REL_TO' },
      { path: '', message: 'body is not valid JSON' },
    ]);
    expect(errors).toEqual({
      quantity: 'Must be at least 1.',
      'readiness.daysToReady': 'Must be at most 60 days for readiness level RDL.',
      'caveats.excludedSectors': 'Must not be empty.',
      'source.publication': 'Invalid input.',
      // The marking is on every form now, so its issues are shown next to it.
      'releasability.nations': 'Must list at least one nation for REL_TO.',
    });
    expect(general.map((i) => i.path)).toEqual(['']);
  });

  it('joins two issues of one field', () => {
    const { errors } = issuesByField(fields, [
      { path: 'id', message: 'must be 1-64 letters' },
      { path: 'id', message: 'already exists' },
    ]);
    expect(errors.id).toBe('Must be 1-64 letters. Already exists.');
    expect(fieldOfIssue(fields, 'nope')).toBeUndefined();
  });
});

describe('RecordForm', () => {
  const render = (errors: FormErrors, formError?: string) => {
    const fields = pledgeFields(ctx);
    return renderToStaticMarkup(
      <StaticRouterProvider path="/scenarios/s1/new/pledges">
        <RecordForm
          label="New funding pledge"
          fields={fields}
          values={{ ...valuesOf(fields, undefined), amount: '-5' }}
          errors={errors}
          onChange={() => undefined}
          onSubmit={() => undefined}
          submitting={false}
          submitLabel="Add funding pledge"
          cancelTo="/scenarios/s1/funding"
          formError={formError && <div className="form-error">{formError}</div>}
        />
      </StaticRouterProvider>,
    );
  };

  /** The markup of the field whose control is labelled `label`, from its wrapper to the next field. */
  const fieldHtml = (html: string, path: string) => {
    const start = html.lastIndexOf('<div class="field', html.indexOf(`data-field="${path}"`));
    const next = html.indexOf('<div class="field', start + 1);
    return html.slice(start, next === -1 ? undefined : next);
  };

  it('shows the amount’s error inside the Amount field, after its input, tied to it', () => {
    const html = render({ amount: 'Must be more than zero.' });
    const amount = fieldHtml(html, 'amount');
    expect(amount).toContain('field-invalid');
    const id = /<input[^>]* id="([^"]+)"/.exec(amount)?.[1];
    expect(amount).toContain(`<label for="${id}">Amount</label>`);
    expect(amount).toMatch(
      new RegExp(
        `<input[^>]*id="${id}"[^>]*aria-invalid="true"[^>]*aria-describedby="${id}-hint ${id}-error"`,
      ),
    );
    expect(amount).toMatch(
      new RegExp(
        `<input[^>]*/><p class="field-error" id="${id}-error" role="alert">Must be more than zero.</p>`,
      ),
    );
    // No other field complains, and the error is not in the form's message area.
    expect(html.match(/class="field-error"/g)).toHaveLength(1);
    expect(fieldHtml(html, 'currency')).not.toContain('field-error');
  });

  it('labels every control, groups fields, marks the required ones and shows the form’s own message first', () => {
    const html = render(
      {},
      'Not permitted: a liaison officer of GBR may only create records of its own nation',
    );
    expect(html).toMatch(/^<form class="form record-form" aria-label="New funding pledge" noValidate="">/);
    expect(html.indexOf('Not permitted')).toBeLessThan(html.indexOf('<fieldset'));
    expect(html).toContain('<legend>Pledge</legend>');
    expect(html).toContain('<legend>Source or assumption</legend>');
    const controls = [...html.matchAll(/<(?:input|select|textarea)[^>]* id="([^"]+)"/g)].map((m) => m[1]);
    expect(controls.length).toBe(pledgeFields(ctx).length);
    for (const id of controls) expect(html).toContain(`<label for="${id}">`);
    expect(fieldHtml(html, 'amount')).toContain('aria-required="true"');
    expect(fieldHtml(html, 'description')).not.toContain('aria-required');
    expect(html).not.toContain('aria-invalid');
    expect(html).toContain('<a href="/scenarios/s1/funding">Cancel</a>');
  });
});

describe('a list chosen from the mission’s sectors', () => {
  const withSectors = { ...ctx, sectors: ['Kyiv', 'Odesa', 'Kherson, south'] };

  it('offers the sectors as boxes to tick and keeps a name with a comma whole', () => {
    const fields = offerFields(withSectors);
    const excluded = fields.find((f) => f.path === 'caveats.excludedSectors')!;
    expect(excluded.options?.map((o) => o.value)).toEqual(['Kyiv', 'Odesa', 'Kherson, south']);
    const values = valuesOf(fields, {
      ...storedOffer,
      caveats: { ...storedOffer.caveats, excludedSectors: ['Kyiv', 'Kherson, south'] },
    });
    expect(values['caveats.excludedSectors']).toBe('Kyiv\nKherson, south');
    const { record, errors } = recordOf(fields, values);
    expect(errors).toEqual({});
    expect((record.caveats as { excludedSectors: string[] }).excludedSectors).toEqual([
      'Kyiv',
      'Kherson, south',
    ]);
  });

  it('draws a group of checkboxes named by the field, the stored ones ticked', () => {
    const fields = offerFields(withSectors);
    const html = renderToStaticMarkup(
      <StaticRouterProvider path="/scenarios/s1/edit/offers/OFF-GBR-02">
        <RecordForm
          label="Edit offer OFF-GBR-02"
          fields={fields}
          values={valuesOf(fields, storedOffer)}
          errors={{}}
          onChange={() => undefined}
          onSubmit={() => undefined}
          submitLabel="Save changes"
          submitting={false}
          cancelTo="/scenarios/s1"
        />
      </StaticRouterProvider>,
    );
    const group = html.slice(html.indexOf('data-field="caveats.excludedSectors"'));
    expect(group).toMatch(
      /^data-field="caveats.excludedSectors"[^>]*><legend class="field-label">Excluded sectors<\/legend>/,
    );
    expect(group).toMatch(/<input id="[^"]+" type="checkbox" checked=""\/><label for="[^"]+">Kyiv<\/label>/);
    expect(group).toMatch(/<input id="[^"]+" type="checkbox"\/><label for="[^"]+">Odesa<\/label>/);
  });
});
