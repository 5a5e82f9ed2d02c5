// The ladder editor as data: a stored ladder reads into the form (lowest rung first, indicators one
// per line) and back into the same ladder, with what the form does not show kept; moving a rung
// renumbers the levels; a removed stored rung stays on the form, unsent; the form's checks name the
// field and the earlier rung a duplicate repeats, and what they pass the API's own patch schema takes;
// and the API's issues land on the row and field they name, a rung still in use at its id.
import { describe, expect, it } from 'vitest';
import { escalationSchema, ladderOf, type Escalation } from '../../../src/domain/escalation.ts';
import type { StoredScenario } from '../../../src/domain/records.ts';
import { scenarioHeaderPatchSchema } from '../../../src/domain/records.ts';
import { escalationLadder } from '../../../src/domain/test-fixtures.ts';
import { ApiError } from '../api-client.ts';
import {
  LADDER_ERROR,
  RUNGS_MAX,
  addRung,
  errorKey,
  formUntouched,
  indicatorsOf,
  keepRung,
  ladderFormOf,
  ladderIssuesByField,
  ladderPatchOf,
  ladderSaveFailure,
  ladderUnchanged,
  moveRung,
  removeRung,
  rungLegend,
  sameLadder,
  savedText,
  sentRows,
  setRungField,
  type LadderForm,
  type LadderPatch,
  type RungField,
} from './risk-ladder-editor-model.ts';

/** The fixture's two rungs and a third with every optional part, stored out of level order. */
function storedLadder(): Escalation {
  const base = escalationLadder();
  return escalationSchema.parse({
    ...base,
    rungs: [
      {
        id: 'wider-war',
        level: 3,
        name: 'Wider war',
        description: 'A renewed offensive.',
        indicators: ['A renewed offensive', 'Strikes on a coalition nation'],
        thresholdDown: 'A new ceasefire agreed.',
        response: 'The wider Western response.',
        hoursToRespond: 72,
        owner: 'US / NATO',
        source: { publication: 'Press reports', date: '2026-02-03' },
      },
      ...base.rungs!,
    ],
  });
}

const VERSION = 7;

function built(form: LadderForm, base: Escalation | undefined = storedLadder()): LadderPatch {
  const result = ladderPatchOf(form, base, VERSION);
  if (!result.ok) throw new Error(`not built: ${JSON.stringify(result.errors)}`);
  return result.patch;
}

function refused(form: LadderForm) {
  const result = ladderPatchOf(form, storedLadder(), VERSION);
  if (result.ok) throw new Error('built, but should have been refused');
  return result;
}

const keyOf = (form: LadderForm, id: string) => form.rows.find((r) => r.id === id)!.key;
const set = (form: LadderForm, id: string, field: RungField, value: string) =>
  setRungField(form, keyOf(form, id), field, value);
const errorAt = (form: LadderForm, errors: Record<string, string>, id: string, field: RungField) =>
  errors[errorKey(keyOf(form, id), field)];

/** A new rung with every required field filled in. */
function withNewRung(form: LadderForm, id = 'blockade'): LadderForm {
  let next = addRung(form);
  const key = next.rows[next.rows.length - 1]!.key;
  const fill: Partial<Record<RungField, string>> = {
    id,
    name: 'Blockade of Black Sea ports',
    indicators: 'Ports closed to shipping\n\n  Mines reported  \n',
    response: 'Maritime escort.',
    hoursToRespond: '36.5',
    owner: 'Coalition maritime HQ',
  };
  for (const [field, value] of Object.entries(fill))
    next = setRungField(next, key, field as RungField, value);
  return next;
}

describe('the form from the ladder, and back', () => {
  it('lists the rungs lowest first, each field as text, indicators one per line', () => {
    const form = ladderFormOf(storedLadder());
    expect(form.rows.map((r) => [r.id, r.level])).toEqual([
      ['violation', '1'],
      ['attack', '2'],
      ['wider-war', '3'],
    ]);
    const war = form.rows[2]!;
    expect(war.indicators).toBe('A renewed offensive\nStrikes on a coalition nation');
    expect(war.thresholdUp).toBe('');
    expect(war.thresholdDown).toBe('A new ceasefire agreed.');
    expect(war.hoursToRespond).toBe('72');
    expect(war.storedId).toBe('wider-war');
    expect(rungLegend(war, 2)).toBe('Rung 3: Wider war');
    expect(new Set(form.rows.map((r) => r.key)).size).toBe(3);
  });

  it('sends the ladder as read, unchanged, with what the form does not show kept', () => {
    const stored = storedLadder();
    const patch = built(ladderFormOf(stored));
    expect(patch.version).toBe(VERSION);
    expect(patch.escalation!.rungs).toEqual(ladderOf(stored));
    expect(patch.escalation!.assumption).toBe(stored.assumption);
    expect(ladderUnchanged(patch.escalation, stored)).toBe(true);
    expect(formUntouched(ladderFormOf(stored), stored)).toBe(true);
  });

  it('sends an edit with the whole ladder, which the API’s patch schema takes', () => {
    const stored = storedLadder();
    let form = set(ladderFormOf(stored), 'attack', 'hoursToRespond', ' 36 ');
    form = set(form, 'violation', 'thresholdUp', 'Violations repeat for a day.');
    form = set(form, 'wider-war', 'thresholdDown', '   ');
    form = withNewRung(form);
    expect(formUntouched(form, stored)).toBe(false);
    const patch = built(form);
    expect(ladderUnchanged(patch.escalation, stored)).toBe(false);
    const rungs = patch.escalation!.rungs!;
    expect(rungs.map((r) => [r.id, r.level])).toEqual([
      ['violation', 1],
      ['attack', 2],
      ['wider-war', 3],
      ['blockade', 4],
    ]);
    expect(rungs[1]!.hoursToRespond).toBe(36);
    expect(rungs[0]!.thresholdUp).toBe('Violations repeat for a day.');
    // An emptied optional field is left out; the rest of the rung as it was.
    expect(rungs[2]).toEqual({ ...ladderOf(stored)[2], thresholdDown: undefined });
    expect('thresholdDown' in rungs[2]!).toBe(false);
    expect(rungs[3]).toEqual({
      id: 'blockade',
      level: 4,
      name: 'Blockade of Black Sea ports',
      indicators: ['Ports closed to shipping', 'Mines reported'],
      response: 'Maritime escort.',
      hoursToRespond: 36.5,
      owner: 'Coalition maritime HQ',
    });
    expect(scenarioHeaderPatchSchema.safeParse({ escalation: patch.escalation }).success).toBe(true);
  });

  it('reads indicators one per line, leaving out blank lines', () => {
    expect(indicatorsOf(' one \n\n two\r\n')).toEqual(['one', 'two']);
    expect(indicatorsOf('')).toEqual([]);
  });

  it('starts an empty form without a ladder, and sends none while it has no rung', () => {
    const form = ladderFormOf(undefined);
    expect(form.rows).toEqual([]);
    const patch = built(form, undefined);
    expect(patch.escalation).toBeNull();
    expect(ladderUnchanged(patch.escalation, undefined)).toBe(true);
  });
});

describe('changing the form', () => {
  it('adds a rung at the bottom, a level above the highest', () => {
    const form = addRung(ladderFormOf(storedLadder()));
    const row = form.rows[3]!;
    expect(row).toMatchObject({ storedId: null, removed: false, id: '', level: '4', name: '' });
    expect(rungLegend(row, 3)).toBe('Rung 4: new rung');
    expect(addRung(ladderFormOf(undefined)).rows[0]!.level).toBe('1');
    // Above level 20 there is no level to offer: the field is left for the user.
    const top = set(ladderFormOf(storedLadder()), 'wider-war', 'level', '20');
    expect(addRung(top).rows[3]!.level).toBe('');
  });

  it('moves a rung up or down and renumbers the levels in the order shown', () => {
    const stored = storedLadder();
    // Levels with a gap: moving numbers them 1, 2, 3 again.
    const gapped = set(ladderFormOf(stored), 'wider-war', 'level', '9');
    const up = moveRung(gapped, keyOf(gapped, 'wider-war'), -1);
    expect(up.rows.map((r) => [r.id, r.level])).toEqual([
      ['violation', '1'],
      ['wider-war', '2'],
      ['attack', '3'],
    ]);
    const down = moveRung(up, keyOf(up, 'violation'), 1);
    expect(down.rows.map((r) => [r.id, r.level])).toEqual([
      ['wider-war', '1'],
      ['violation', '2'],
      ['attack', '3'],
    ]);
    // Past either end nothing moves.
    expect(moveRung(down, keyOf(down, 'wider-war'), -1)).toBe(down);
    expect(moveRung(down, keyOf(down, 'attack'), 1)).toBe(down);
    // What is sent follows the new order and levels; the rungs keep their own fields.
    const rungs = built(down).escalation!.rungs!;
    expect(rungs.map((r) => [r.id, r.level])).toEqual([
      ['wider-war', 1],
      ['violation', 2],
      ['attack', 3],
    ]);
    expect(rungs[0]!.source).toEqual(ladderOf(stored)[2]!.source);
  });

  it('leaves a rung marked for removal out of the renumbering', () => {
    let form = ladderFormOf(storedLadder());
    form = removeRung(form, keyOf(form, 'violation'));
    form = moveRung(form, keyOf(form, 'wider-war'), -1);
    expect(form.rows.map((r) => [r.id, r.level, r.removed])).toEqual([
      ['violation', '1', true],
      ['wider-war', '1', false],
      ['attack', '2', false],
    ]);
  });

  it('drops a new rung at once, but keeps a stored one on the form, unsent, until saved', () => {
    const stored = storedLadder();
    const added = withNewRung(ladderFormOf(stored));
    expect(removeRung(added, keyOf(added, 'blockade')).rows.map((r) => r.id)).toEqual([
      'violation',
      'attack',
      'wider-war',
    ]);
    const removed = removeRung(added, keyOf(added, 'attack'));
    expect(removed.rows.map((r) => [r.id, r.removed])).toEqual([
      ['violation', false],
      ['attack', true],
      ['wider-war', false],
      ['blockade', false],
    ]);
    expect(sentRows(removed).map((r) => r.id)).toEqual(['violation', 'wider-war', 'blockade']);
    expect(built(removed).escalation!.rungs!.map((r) => r.id)).toEqual([
      'violation',
      'wider-war',
      'blockade',
    ]);
    const kept = keepRung(removed, keyOf(removed, 'attack'));
    expect(sentRows(kept).map((r) => r.id)).toEqual(['violation', 'attack', 'wider-war', 'blockade']);
  });

  it('sends no ladder once every rung is removed', () => {
    let form = ladderFormOf(storedLadder());
    for (const row of form.rows) form = removeRung(form, row.key);
    expect(built(form).escalation).toBeNull();
    expect(savedText(undefined, 9)).toBe('escalation ladder removed (scenario version 9)');
    expect(savedText(storedLadder(), 9)).toBe('escalation ladder of 3 rungs (scenario version 9)');
  });
});

describe('the form’s checks', () => {
  it('asks for each required field by name', () => {
    const form = addRung(ladderFormOf(storedLadder()));
    const key = form.rows[3]!.key;
    const { errors } = refused(setRungField(form, key, 'level', ''));
    expect(errors).toEqual({
      [errorKey(key, 'id')]: 'Enter the id.',
      [errorKey(key, 'level')]: 'Enter the level, a whole number from 1 to 20.',
      [errorKey(key, 'name')]: 'Enter the name.',
      [errorKey(key, 'response')]: 'Enter the response.',
      [errorKey(key, 'hoursToRespond')]: 'Enter the hours to respond, from 0 to 8760.',
      [errorKey(key, 'owner')]: 'Enter the owner.',
    });
  });

  it('reads numbers as the schema bounds them, and an id as the schema spells it', () => {
    let form = ladderFormOf(storedLadder());
    form = set(form, 'violation', 'level', '1.5');
    form = set(form, 'attack', 'level', '21');
    form = set(form, 'violation', 'hoursToRespond', 'a day');
    form = set(form, 'attack', 'hoursToRespond', '9000');
    form = set(form, 'wider-war', 'hoursToRespond', '-1');
    form = setRungField(form, keyOf(form, 'wider-war'), 'id', 'wider war');
    const { errors } = refused(form);
    const level = 'The level must be a whole number from 1 (the lowest rung) to 20.';
    const hours = 'The hours to respond must be a number from 0 to 8760 (a year).';
    expect(errors[errorKey(form.rows[0]!.key, 'level')]).toBe(level);
    expect(errors[errorKey(form.rows[1]!.key, 'level')]).toBe(level);
    for (const row of form.rows) expect(errors[errorKey(row.key, 'hoursToRespond')]).toBe(hours);
    expect(errors[errorKey(form.rows[2]!.key, 'id')]).toMatch(/^The id must be 1 to 40 letters, digits/);
    // Hours need not be whole.
    expect(
      built(set(ladderFormOf(storedLadder()), 'attack', 'hoursToRespond', '0.5')).escalation!.rungs![1],
    ).toMatchObject({ hoursToRespond: 0.5 });
  });

  it('tells a rung whose id or level repeats an earlier one’s which rung has it', () => {
    let form = withNewRung(ladderFormOf(storedLadder()), 'attack');
    form = setRungField(form, form.rows[3]!.key, 'level', '2');
    const { errors } = refused(form);
    const key = form.rows[3]!.key;
    expect(errors).toEqual({
      [errorKey(key, 'id')]: 'Rung 2 has the id “attack”: each rung needs its own.',
      [errorKey(key, 'level')]: 'Rung 2 is at level 2: each rung needs its own.',
    });
    // A rung marked for removal has given up its id and level.
    const freed = removeRung(form, keyOf(form, 'attack'));
    expect(ladderPatchOf(freed, storedLadder(), VERSION).ok).toBe(true);
  });

  it('allows at most 20 rungs', () => {
    let form = ladderFormOf(undefined);
    for (let i = 1; i <= RUNGS_MAX + 1; i++) form = withNewRung(form, `rung-${i}`);
    const { errors } = refused(form);
    expect(errors[LADDER_ERROR]).toBe('The ladder may have at most 20 rungs: remove 1.');
  });

  it('checks what the schema checks beyond them (lengths), at the field', () => {
    const form = set(ladderFormOf(storedLadder()), 'attack', 'name', 'x'.repeat(201));
    const withLongIndicator = set(form, 'violation', 'indicators', `fine\n${'y'.repeat(501)}`);
    const { errors, general } = refused(withLongIndicator);
    expect(general).toEqual([]);
    expect(errorAt(form, errors, 'attack', 'name')).toBe('Must be at most 200 characters.');
    expect(errorAt(form, errors, 'violation', 'indicators')).toBe('Line 2: Must be at most 500 characters.');
  });
});

describe('the API’s issues', () => {
  it('puts a rung’s field at that field of the row sent at its place', () => {
    let form = withNewRung(ladderFormOf(storedLadder()));
    // The first row is not sent: the API's rungs[2] is the form's fourth row.
    form = removeRung(form, form.rows[0]!.key);
    const { errors, general } = ladderIssuesByField(
      [
        { path: 'escalation.rungs[2].hoursToRespond', message: 'must be at most 8760' },
        { path: 'escalation.rungs[1].indicators[0]', message: 'must not be empty' },
        { path: 'escalation.rungs[0]', message: 'duplicates rungs[2].id' },
      ],
      form,
    );
    expect(general).toEqual([]);
    expect(errors).toEqual({
      [errorKey(form.rows[3]!.key, 'hoursToRespond')]: 'Must be at most 8760.',
      [errorKey(form.rows[2]!.key, 'indicators')]: 'Line 1: Must not be empty.',
      [errorKey(form.rows[1]!.key, 'id')]: 'Duplicates rung 4’s id.',
    });
  });

  it('says a removed rung a red line names is in use, at its id', () => {
    let form = ladderFormOf(storedLadder());
    form = removeRung(form, keyOf(form, 'attack'));
    const failure = ladderSaveFailure(
      new ApiError(400, 'invalid', 'invalid', [
        {
          path: 'escalation.rungs',
          message: 'must keep rung "attack": red line RL-1 names it; change that first',
        },
      ]),
      form,
    );
    expect(failure.problem).toBeNull();
    expect(failure.errors).toEqual({
      [errorKey(keyOf(form, 'attack'), 'id')]:
        'Red line RL-1 names this rung, so it cannot be removed: keep it, or change the red line first.',
    });
  });

  it('says a renamed rung a risk names keeps its id, at that id', () => {
    const stored = storedLadder();
    const form = set(ladderFormOf(stored), 'attack', 'id', 'attack-on-troops');
    const { errors, general } = ladderIssuesByField(
      [
        {
          path: 'escalation.rungs',
          message: 'must keep rung "attack": risk RSK-1 names it; change that first',
        },
      ],
      form,
    );
    expect(general).toEqual([]);
    expect(errors[errorKey(form.rows[1]!.key, 'id')]).toBe(
      'Risk RSK-1 names this rung as “attack”, so its id cannot change: put it back, or change the risk first.',
    );
  });

  it('leaves for the message above the form what no field shows', () => {
    const form = ladderFormOf(storedLadder());
    const issues = [
      { path: 'escalation.source.url', message: 'must be an absolute http: or https: URL' },
      { path: 'escalation.rungs[0].source.publication', message: 'must not be empty' },
      { path: 'version', message: 'must be a whole number' },
      // A rung the form does not have (read from an older ladder).
      {
        path: 'escalation.rungs',
        message: 'must keep rung "gone": red line RL-9 names it; change that first',
      },
    ];
    expect(ladderIssuesByField(issues, form)).toEqual({ errors: {}, general: issues });
  });

  it('turns a stale version into a conflict with the header as it now stands', () => {
    const current = { id: 's1', version: VERSION + 1, escalation: storedLadder() } as StoredScenario;
    const failure = ladderSaveFailure(
      new ApiError(409, 'conflict', 'stale', [], current),
      ladderFormOf(storedLadder()),
    );
    expect(failure).toEqual({ errors: {}, problem: { kind: 'conflict', current } });
  });

  it('tells ladders apart by their rungs, whatever their order', () => {
    const stored = storedLadder();
    expect(sameLadder(stored, { rungs: [...stored.rungs].reverse() })).toBe(true);
    expect(sameLadder(stored, { rungs: stored.rungs.slice(1) })).toBe(false);
    expect(sameLadder(undefined, { rungs: [] })).toBe(true);
  });
});
