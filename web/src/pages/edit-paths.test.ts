// Where the record forms live, where they return to, and who is offered them.
import { describe, expect, it } from 'vitest';
import { defaultBackPath, nationOfRecord, newRecordValues } from './edit-record-page.tsx';
import {
  backPathOf,
  canCreateAny,
  canEditRecord,
  canEditScenario,
  deliveryProbabilityPath,
  kindWord,
  editRecordPath,
  editableKindOfPath,
  nationOfQuery,
  nationsForUser,
  newRecordPath,
} from './edit-paths.ts';
import { savedOf, withSaved } from './edit-saved-notice.tsx';
import { pledgeFields, stanceFields } from '../components/record-form-model.ts';
import { formFieldsOf } from '../components/record-form-specs.ts';
import { ENTITY_KINDS } from '../../../src/domain/records.ts';
import { LIAISON_WRITABLE } from '../../../src/domain/access.ts';

const planner = { role: 'planner', nation: null } as const;
const admin = { role: 'administrator', nation: null } as const;
const liaisonGbr = { role: 'liaison', nation: 'GBR' } as const;
const observer = { role: 'observer', nation: 'GBR' } as const;

describe('form paths', () => {
  it('builds the new and edit pages of each kind, with the nation and the page to return to', () => {
    expect(newRecordPath('s1', 'pledges')).toBe('/scenarios/s1/new/pledges');
    expect(newRecordPath('s1', 'stances', { nation: 'FRA', back: '/scenarios/s1/nations' })).toBe(
      '/scenarios/s1/new/stances?nation=FRA&back=%2Fscenarios%2Fs1%2Fnations',
    );
    expect(editRecordPath('s1', 'offers', 'OFF 1/2')).toBe('/scenarios/s1/edit/offers/OFF%201%2F2');
    expect(editableKindOfPath('offers')).toBe('offers');
    // Every kind has a form; a segment that names no kind has none.
    expect(editableKindOfPath('nations')).toBe('nations');
    expect(editableKindOfPath('rotation-policies')).toBe('rotationPolicies');
    expect(editableKindOfPath('force-list')).toBe('ulns');
    expect(editableKindOfPath('users')).toBeUndefined();
  });

  it('returns only to a page of the same scenario', () => {
    const fallback = '/scenarios/s1/funding';
    expect(backPathOf('?back=%2Fscenarios%2Fs1%2Fnations', 's1', fallback)).toBe('/scenarios/s1/nations');
    expect(backPathOf('?back=%2Fscenarios%2Fs1', 's1', fallback)).toBe('/scenarios/s1');
    for (const bad of [
      '//evil.example',
      'https://evil.example/',
      '/scenarios/s2/funding',
      '/scenarios/s10',
      '/audit',
    ]) {
      expect(backPathOf(`?back=${encodeURIComponent(bad)}`, 's1', fallback), bad).toBe(fallback);
    }
    expect(backPathOf(`?back=${encodeURIComponent('/scenarios/s1/\nx')}`, 's1', fallback)).toBe(fallback);
    expect(backPathOf('', 's1', fallback)).toBe(fallback);
    expect(defaultBackPath('s1', 'stances', undefined)).toBe('/scenarios/s1/nations');
    expect(defaultBackPath('s1', 'pledges', 'P')).toBe('/scenarios/s1/funding');
    expect(defaultBackPath('s1', 'offers', 'OFF-1')).toBe('/scenarios/s1/records/offers/OFF-1');
    expect(defaultBackPath('s1', 'arcs', 'A-1')).toBe('/scenarios/s1/records/network-arcs/A-1');
    expect(defaultBackPath('s1', 'ulns', undefined)).toBe('/scenarios/s1');
  });

  it('has a page for the scenario’s delivery probabilities, and names kinds inside sentences', () => {
    expect(deliveryProbabilityPath('s1')).toBe('/scenarios/s1/edit/delivery-probability');
    expect(deliveryProbabilityPath('s1', { back: '/scenarios/s1/resilience' })).toBe(
      '/scenarios/s1/edit/delivery-probability?back=%2Fscenarios%2Fs1%2Fresilience',
    );
    expect(editRecordPath('s1', 'rotationPolicies', 'GBR')).toBe('/scenarios/s1/edit/rotation-policies/GBR');
    expect(newRecordPath('s1', 'movements')).toBe('/scenarios/s1/new/movements');
    expect(kindWord('ulns')).toBe('ULN');
    expect(kindWord('arcs')).toBe('network arc');
  });

  it('reads the nation of a new record, and says what was saved on return', () => {
    expect(nationOfQuery('?nation=fra')).toBe('FRA');
    expect(nationOfQuery('?nation=FRANCE')).toBe('');
    expect(withSaved('/scenarios/s1/funding', 'funding pledge P-1 (version 1)')).toBe(
      '/scenarios/s1/funding?saved=funding+pledge+P-1+%28version+1%29',
    );
    expect(withSaved('/scenarios/s1/funding?saved=old&x=1', 'new')).toBe(
      '/scenarios/s1/funding?saved=new&x=1',
    );
    expect(savedOf('?saved=offer+OFF-1')).toBe('offer OFF-1');
  });
});

describe('who is offered the forms', () => {
  it('follows the API: staff change everything, a liaison officer its own nation’s offers, pledges and stances', () => {
    for (const kind of ['offers', 'pledges', 'stances'] as const) {
      expect(canEditRecord(planner, kind, 'FRA')).toBe(true);
      expect(canEditRecord(admin, kind, 'FRA')).toBe(true);
      expect(canEditRecord(liaisonGbr, kind, 'GBR')).toBe(true);
      expect(canEditRecord(liaisonGbr, kind, 'FRA')).toBe(false);
      expect(canEditRecord(liaisonGbr, kind, undefined)).toBe(false);
      expect(canEditRecord(observer, kind, 'GBR')).toBe(false);
    }
    expect(canEditRecord(liaisonGbr, 'nations', 'GBR')).toBe(false);
    expect(canCreateAny(liaisonGbr, 'pledges')).toBe(true);
    expect(canCreateAny(observer, 'pledges')).toBe(false);
    const nations = [{ id: 'FRA' }, { id: 'GBR' }];
    expect(nationsForUser(liaisonGbr, 'pledges', nations)).toEqual([{ id: 'GBR' }]);
    expect(nationsForUser(planner, 'pledges', nations)).toEqual(nations);
  });

  it('offers the staff’s kinds to staff only, whatever the nation', () => {
    for (const kind of ENTITY_KINDS.filter((k) => !LIAISON_WRITABLE.has(k))) {
      expect(canEditRecord(planner, kind, 'GBR'), kind).toBe(true);
      expect(canEditRecord(admin, kind, undefined), kind).toBe(true);
      expect(canEditRecord(liaisonGbr, kind, 'GBR'), kind).toBe(false);
      expect(canEditRecord(observer, kind, 'GBR'), kind).toBe(false);
      expect(canCreateAny(liaisonGbr, kind), kind).toBe(false);
    }
    expect(canEditScenario(planner)).toBe(true);
    expect(canEditScenario(liaisonGbr)).toBe(false);
    expect(canEditScenario(observer)).toBe(false);
    expect(nationOfRecord('nations', { id: 'GBR' })).toBe('GBR');
    expect(nationOfRecord('ulns', { uln: 'GBR-0001', nation: 'GBR' })).toBe('GBR');
    expect(nationOfRecord('capabilities', { code: 'X' })).toBeUndefined();
  });
});

describe('a new record’s starting values', () => {
  const ctx = { nations: [{ id: 'FRA', name: 'France' }] };
  it('starts a pledge in its nation’s currency, today, committed; a stance entry today', () => {
    const pledge = newRecordValues('pledges', pledgeFields(ctx), 'FRA', () => 'EUR', '2025-03-05');
    expect(pledge).toMatchObject({
      nation: 'FRA',
      currency: 'EUR',
      date: '2025-03-05',
      stage: 'committed',
      amount: '',
    });
    const stance = newRecordValues('stances', stanceFields(ctx), '', () => undefined, '2025-03-05');
    expect(stance).toMatchObject({ nation: '', date: '2025-03-05', stance: '', statement: '' });
  });

  it('sets the nation only on forms that have one, and a middle priority for lines and ULNs', () => {
    const capability = newRecordValues(
      'capabilities',
      formFieldsOf('capabilities', ctx),
      'FRA',
      () => undefined,
    );
    expect(capability).not.toHaveProperty('nation');
    expect(capability['releasability.level']).toBe('');
    const uln = newRecordValues('ulns', formFieldsOf('ulns', ctx), 'FRA', () => undefined);
    expect(uln).toMatchObject({ nation: 'FRA', priority: '3', uln: '' });
    const arc = newRecordValues('arcs', formFieldsOf('arcs', ctx), '', () => undefined);
    expect(arc).toMatchObject({ transitDays: '1', closures: [] });
  });
});
