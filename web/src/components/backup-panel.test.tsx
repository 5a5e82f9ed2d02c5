// The backup and restore panel rendered to static HTML: its labelled controls and download link, the
// checks a chosen file gets before anything is sent, the confirmation replacing takes, a refused
// restore with the fields named, and the report with the new accounts' one-time passwords.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, type RestoreReport, type UserView } from '../api-client.ts';
import { ApiClientProvider } from '../use-api.tsx';
import {
  BackupPanel,
  ReplaceConfirmation,
  RestoreFailure,
  RestoreReportView,
  parseBackupFile,
  restoreFailureMessage,
  restoreSummary,
} from './backup-panel.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

const noop = () => undefined;

function renderPanel(baseUrl = ''): string {
  return renderToStaticMarkup(
    <ApiClientProvider
      client={new ApiClient({ baseUrl, fetch: () => Promise.reject(new Error('no network in tests')) })}
    >
      <BackupPanel />
    </ApiClientProvider>,
  );
}

/** The label texts whose `for` names a control on the page, in order. */
function labelledControls(html: string): string[] {
  const ids = new Set([...html.matchAll(/<input[^>]* id="([^"]+)"/g)].map((m) => m[1]));
  return [...html.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)]
    .filter((m) => ids.has(m[1]))
    .map((m) => m[2] ?? '');
}

const user = (id: string, role: UserView['role'], nation: string | null, displayName: string): UserView => ({
  id,
  displayName,
  role,
  nation,
  disabled: false,
  mustChangePassword: true,
  version: 1,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
});

const report: RestoreReport = {
  scenarios: [
    { id: 'alpha', name: 'Alpha', replaced: true },
    { id: 'bravo', name: 'Bravo', replaced: false },
  ],
  users: [{ user: user('est-lno', 'liaison', 'EST', 'Estonian LNO'), password: 'abcd-efgh-jkmn-pqrs' }],
  keptUsers: ['admin', 'planner'],
};

describe('BackupPanel', () => {
  it('labels every control and links the download to the API', () => {
    const html = renderPanel();
    expect(labelledControls(html)).toEqual([
      'Include user accounts (never their passwords)',
      'Backup file',
      'Replace scenarios that already exist',
    ]);
    expect(html).toMatch(/<input id="[^"]+" type="checkbox"/);
    expect(html).toMatch(/<input id="[^"]+" type="file" accept=".json,application\/json"/);
    // Accounts are left out until asked for; a same-origin link, so the session cookie goes with it.
    expect(html).toContain(
      '<a class="button" href="/api/backup?includeUsers=false" download="">Download backup</a>',
    );
    expect(html).toMatch(/<button type="submit" class="button">Restore<\/button>/);
    expect(text(html)).toContain('Backup and restore');
    // Nothing to confirm, report or complain about before anything is done.
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('Restore and replace');
  });

  it('builds the link on the API origin when the client has one', () => {
    expect(renderPanel('https://api.example:8443')).toContain(
      'href="https://api.example:8443/api/backup?includeUsers=false"',
    );
  });
});

describe('parseBackupFile', () => {
  it('says clearly when the file is not JSON', () => {
    const parsed = parseBackupFile('{"format": "coalition-backup",');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.error).toMatch(/^This file is not valid JSON, so it cannot be a backup \(.+\)\.$/);
  });

  it('refuses JSON that is not a backup, saying what a backup is', () => {
    for (const value of ['[]', 'null', '"text"', '{"schemaVersion": 1, "id": "alpha"}']) {
      const parsed = parseBackupFile(value);
      expect(parsed.ok, value).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('not a Coalition Planner backup');
    }
  });

  it('gives back the parsed backup and the ids of its scenarios', () => {
    const backup = {
      format: 'coalition-backup',
      formatVersion: 1,
      exportedAt: '2025-03-02T12:00:00.000Z',
      scenarios: [{ id: 'alpha' }, { name: 'no id' }, { id: 'bravo' }],
    };
    expect(parseBackupFile(JSON.stringify(backup))).toEqual({
      ok: true,
      value: backup,
      scenarioIds: ['alpha', 'bravo'],
    });
  });
});

describe('ReplaceConfirmation', () => {
  it('names the scenarios the backup would overwrite and asks for the second click', () => {
    const html = renderToStaticMarkup(
      <ReplaceConfirmation scenarioIds={['alpha', 'bravo']} busy={false} onConfirm={noop} onCancel={noop} />,
    );
    expect(html).toContain('role="group" aria-label="Confirm restore and replace"');
    expect(text(html)).toContain('The backup holds 2 scenarios: alpha, bravo.');
    expect(text(html)).toContain('will be overwritten');
    expect(html).toMatch(
      /<button type="button" class="button button-danger"[^>]*>Restore and replace<\/button>/,
    );
    expect(html).toMatch(/>Cancel<\/button>/);
  });
});

describe('RestoreFailure', () => {
  it('names the scenarios that exist and points to the checkbox, not the command line', () => {
    const error = new ApiError(
      409,
      'conflict',
      'scenarios alpha, bravo already exist; use --replace to replace them with the backup',
    );
    expect(restoreFailureMessage(error)).toBe('scenarios alpha, bravo already exist.');
    const html = renderToStaticMarkup(<RestoreFailure error={error} />);
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain(
      'The backup was not restored. scenarios alpha, bravo already exist. (HTTP 409, conflict)',
    );
    expect(text(html)).toContain('tick “Replace scenarios that already exist” and restore again');
    expect(html).not.toContain('--replace');
  });

  it('lists every field the API named, by its path', () => {
    const error = new ApiError(400, 'invalid', 'the backup is invalid', [
      { path: 'scenarios[1].offers[0].nation', message: 'names unknown nation "XYZ"' },
      { path: '', message: 'must be an object' },
    ]);
    const html = renderToStaticMarkup(<RestoreFailure error={error} />);
    expect(html).toContain(
      '<code>scenarios[1].offers[0].nation</code>: names unknown nation &quot;XYZ&quot;',
    );
    expect(text(html)).toContain('The file: must be an object');
    expect(text(html)).toContain(
      'Nothing was restored: the whole file is checked before anything is written.',
    );
  });

  it('shows the first twenty of many problems and counts the rest', () => {
    const issues = Array.from({ length: 23 }, (_, i) => ({
      path: `scenarios[${i}].id`,
      message: 'is required',
    }));
    const html = renderToStaticMarkup(
      <RestoreFailure error={new ApiError(400, 'invalid', 'invalid', issues)} />,
    );
    expect(html.match(/<code>/g)).toHaveLength(20);
    expect(text(html)).toContain('…and 3 more problems.');
  });
});

describe('RestoreReportView', () => {
  it('sums up what was restored, replaced and kept', () => {
    expect(restoreSummary(report)).toBe(
      '2 scenarios restored (1 replaced, 1 new); 1 account created; 2 accounts kept as they were.',
    );
    expect(restoreSummary({ scenarios: [], users: [], keptUsers: ['admin'] })).toBe(
      '0 scenarios restored (0 replaced, 0 new); 0 accounts created; 1 account kept as it was.',
    );
  });

  it('lists each scenario, the accounts kept, and each new account with its one-time password and the warning', () => {
    const html = renderToStaticMarkup(<RestoreReportView report={report} onDone={noop} />);
    const t = text(html);
    expect(html).toMatch(
      /<section class="panel secret-panel restore-report" aria-labelledby="[^"]+" tabindex="-1">/,
    );
    expect(t).toContain('Backup restored');
    expect(t).toContain('Alpha (alpha) Replaced');
    expect(t).toContain('Bravo (bravo) New');
    expect(t).toContain('left as they are (passwords unchanged): admin, planner .');
    expect(t).toContain(
      'Pass each one-time password on to its user by a secure route. They are shown only now',
    );
    expect(t).toContain('New accounts and their one-time passwords');
    expect(t).toContain('est-lno Estonian LNO Liaison EST abcd-efgh-jkmn-pqrs Copy the password of est-lno');
    expect(html).toContain('<code>abcd-efgh-jkmn-pqrs</code>');
    expect(t).toContain('Done, hide the passwords');
  });

  it('has no passwords to warn about when no account was created', () => {
    const html = renderToStaticMarkup(<RestoreReportView report={{ ...report, users: [] }} onDone={noop} />);
    expect(html).not.toContain('secret-panel');
    expect(html).not.toContain('<table');
    expect(text(html)).not.toContain('one-time password');
    expect(text(html)).toContain('Dismiss');
  });
});
