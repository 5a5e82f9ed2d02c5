// The branch form without a browser: which what-ifs a filled form asks for, in order, and where the
// API's refusal of one is shown.
import { describe, expect, it } from 'vitest';
import { recordOf, valuesOf } from '../components/record-form-model.ts';
import { branchFields, branchRequestOf, issueOnForm } from './branch-page.tsx';

const fields = branchFields([{ id: 'DEU', name: 'Germany' }], [{ id: 'POL-MEDYKA-ROAD', name: 'Medyka' }]);

describe('branchRequestOf', () => {
  it('asks for only the what-ifs filled in, in the form’s order', () => {
    const values = {
      ...valuesOf(fields, {}),
      id: 'germany-joins',
      'joins.nation': 'DEU',
      'joins.lift': true,
      backstop: true,
      'close.node': 'POL-MEDYKA-ROAD',
      'close.from': '1',
      'close.to': '30',
      'close.reason': 'blockade',
    };
    const { record, errors } = recordOf(fields, values);
    expect(errors).toEqual({});
    expect(branchRequestOf(record)).toEqual({
      request: {
        id: 'germany-joins',
        whatIfs: [
          { kind: 'nation-joins', nation: 'DEU', liftCaveats: true },
          { kind: 'us-backstop' },
          { kind: 'close-node', node: 'POL-MEDYKA-ROAD', from: 1, to: 30, reason: 'blockade' },
        ],
      },
      sources: ['joins', 'backstop', 'close'],
    });
  });

  it('asks for none when only the variant is named', () => {
    const { record } = recordOf(fields, { ...valuesOf(fields, {}), id: 'copy', name: 'A copy' });
    expect(branchRequestOf(record).request).toEqual({ id: 'copy', name: 'A copy', whatIfs: [] });
  });
});

describe('issueOnForm', () => {
  it('puts a refused what-if’s reason at the field it came from', () => {
    const sources = ['joins', 'close', 'target'];
    expect(issueOnForm({ path: 'whatIfs[0].nation', message: 'm' }, sources).path).toBe('joins.nation');
    expect(issueOnForm({ path: 'whatIfs[1].to', message: 'm' }, sources).path).toBe('close.to');
    expect(issueOnForm({ path: 'whatIfs[2].personnel', message: 'm' }, sources).path).toBe('target');
    expect(issueOnForm({ path: 'id', message: 'm' }, sources).path).toBe('id');
  });
});
