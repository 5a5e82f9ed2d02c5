// User accounts (/admin/users), for administrators: who may sign in, with which role and nation;
// adding a user, changing its role and nation, disabling and enabling one, and resetting a password.
// A change carries the version the list showed, so two administrators changing one user never
// overwrite each other silently: the second gets the account as it now is and may reload it. New and reset passwords are
// one-time passwords, shown here once and never again: the user replaces them at first sign-in.
// Below, backing up and restoring the whole installation (see components/backup-panel.tsx).
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react';
import type { Role } from '../../../src/domain/access.ts';
import type { ApiError } from '../api-client.ts';
import { isAbort, type UserPatchInput, type UserView, asApiError } from '../api-client.ts';
import { BackupPanel } from '../components/backup-panel.tsx';
import { FormError, SelectField, TextField } from '../components/form-field.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import {
  hasErrors,
  normaliseNation,
  validateNewUser,
  type FieldErrors,
  type NewUserField,
} from '../forms.ts';
import { generateOneTimePassword } from '../one-time-password.ts';
import { useDocumentTitle } from '../router.tsx';
import { ROLE_LABELS, canManageUsers, describeRole, useCurrentUser } from '../session.tsx';
import { useApiClient } from '../use-api.tsx';
import { NotPermitted } from './not-permitted.tsx';

export function UsersPage() {
  useDocumentTitle('Users');
  const me = useCurrentUser();
  if (!canManageUsers(me)) {
    return <NotPermitted title="Users">Only administrators may manage user accounts.</NotPermitted>;
  }
  return <UsersAdmin me={me} />;
}

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; users: UserView[]; reloading: boolean };

/** A password to hand over, shown once. */
interface Secret {
  user: UserView;
  password: string;
  reason: 'created' | 'reset';
}

/** Something that went wrong with a change, shown above the table. */
type Problem = { title: string; error: ApiError; conflict: boolean };

function UsersAdmin({ me }: { me: UserView }) {
  const client = useApiClient();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [secret, setSecret] = useState<Secret | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  /** The user whose role and nation are being changed, as the list showed it. */
  const [editing, setEditing] = useState<UserView | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      // A reload keeps the table on screen: rows do not vanish under the user's pointer.
      setList((l) => (l.status === 'ready' ? { ...l, reloading: true } : { status: 'loading' }));
      try {
        const users = await client.listUsers({ signal });
        setList({ status: 'ready', users, reloading: false });
      } catch (e) {
        if (isAbort(e)) return;
        setList({ status: 'error', error: asApiError(e) });
      }
    },
    [client],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const replace = (user: UserView) =>
    setList((l) =>
      l.status === 'ready'
        ? { ...l, users: upsert(l.users, user) }
        : { status: 'ready', users: [user], reloading: false },
    );

  const fail = (title: string, e: unknown) => {
    const error = asApiError(e);
    // A 409 with the record as it now stands is a version conflict; other 409s (the last
    // administrator) are rules, which a reload would not change.
    setProblem({ title, error, conflict: error.status === 409 && error.current !== undefined });
  };

  const setDisabled = async (user: UserView, disabled: boolean) => {
    setProblem(null);
    try {
      replace(await client.updateUser(user.id, { version: user.version, disabled }));
    } catch (e) {
      fail(`Could not ${disabled ? 'disable' : 'enable'} ${user.id}.`, e);
    }
  };

  const resetPassword = async (user: UserView) => {
    setProblem(null);
    try {
      const { password } = await client.resetPassword(user.id);
      setSecret({ user, password, reason: 'reset' });
      // The user now has to change the password; show that without another request.
      replace({ ...user, mustChangePassword: true });
    } catch (e) {
      fail(`Could not reset the password of ${user.id}.`, e);
    }
  };

  return (
    <>
      <h1>Users</h1>
      <p className="lede">
        Who may sign in, and as what. Planners see and edit everything; liaison officers see what is
        releasable to their nation and edit their own nation&rsquo;s offers, pledges and stance; observers
        read public records only.
      </p>
      {secret && <OneTimePassword secret={secret} onDone={() => setSecret(null)} />}
      {problem && (
        <div className="status-message status-error" role="alert">
          <p className="status-title">{problem.title}</p>
          {problem.conflict ? (
            <p>
              This account changed since the list was loaded (its user may have set a new password, or another
              administrator edited it). Reload the list to see it as it is now, then try again.
            </p>
          ) : (
            <p>{problem.error.message}</p>
          )}
          <p className="status-actions">
            {problem.conflict && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setProblem(null);
                  void load();
                }}
              >
                Reload the list
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={() => setProblem(null)}>
              Dismiss
            </button>
          </p>
        </div>
      )}
      {list.status === 'loading' && <LoadingMessage>Loading users…</LoadingMessage>}
      {list.status === 'error' && (
        <ErrorMessage title="The users could not be loaded." error={list.error} onRetry={() => void load()} />
      )}
      {list.status === 'ready' && (
        <UsersTable
          users={list.users}
          me={me}
          busy={list.reloading}
          onSetDisabled={(u, d) => setDisabled(u, d)}
          onResetPassword={(u) => resetPassword(u)}
          onEdit={(u) => {
            setProblem(null);
            setEditing(u);
          }}
        />
      )}
      {editing && (
        <EditUserAccess
          // A reload after a conflict brings a newer version: the form starts again from it.
          key={`${editing.id}@${editing.version}`}
          user={editing}
          onSaved={(user) => {
            replace(user);
            setEditing(null);
          }}
          onReloaded={(user) => {
            replace(user);
            setEditing(user);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <AddUserForm
        onCreated={(user, password) => {
          setProblem(null);
          replace(user);
          setSecret({ user, password, reason: 'created' });
        }}
      />
      <BackupPanel
        onRestored={(report) => {
          // A restore may have created accounts: show them in the table (their passwords are in the report).
          if (report.users.length > 0) void load();
        }}
      />
    </>
  );
}

interface UsersTableProps {
  users: readonly UserView[];
  me: UserView;
  busy: boolean;
  onSetDisabled: (user: UserView, disabled: boolean) => Promise<void>;
  onResetPassword: (user: UserView) => Promise<void>;
  onEdit: (user: UserView) => void;
}

function UsersTable({ users, me, busy, onSetDisabled, onResetPassword, onEdit }: UsersTableProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const sorted = [...users].sort((a, b) => a.id.localeCompare(b.id, 'en-GB'));

  const run = async (id: string, action: () => Promise<void>) => {
    setWorking(id);
    try {
      await action();
    } finally {
      setWorking(null);
      setConfirming(null);
    }
  };

  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label="Users (scrollable)" aria-busy={busy}>
      <table className="data-table users-table">
        <caption className="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">User name</th>
            <th scope="col">Display name</th>
            <th scope="col">Role</th>
            <th scope="col">Nation</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((user) => {
            const self = user.id === me.id;
            const disabledControls = working !== null;
            return (
              <tr key={user.id} className={user.disabled ? 'is-disabled' : undefined}>
                <th scope="row" className="mono">
                  {user.id}
                </th>
                <td>{user.displayName}</td>
                <td>{ROLE_LABELS[user.role]}</td>
                <td className="iso">{user.nation ?? '–'}</td>
                <td>
                  <span
                    className={user.disabled ? 'status-badge status-disabled' : 'status-badge status-active'}
                  >
                    {user.disabled ? 'Disabled' : 'Active'}
                  </span>
                  {user.mustChangePassword && <span className="cell-note block">Must change password</span>}
                </td>
                <td className="row-actions">
                  {self ? (
                    <span className="cell-note">This is you</span>
                  ) : confirming === user.id ? (
                    <span
                      className="confirm"
                      role="group"
                      aria-label={`Confirm password reset for ${user.id}`}
                    >
                      <span>Reset and sign {user.id} out?</span>
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={disabledControls}
                        onClick={() => void run(user.id, () => onResetPassword(user))}
                      >
                        Confirm reset
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={disabledControls}
                        onClick={() => setConfirming(null)}
                      >
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={disabledControls}
                        onClick={() => onEdit(user)}
                      >
                        Change role or nation<span className="visually-hidden"> of {user.id}</span>
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={disabledControls}
                        onClick={() => void run(user.id, () => onSetDisabled(user, !user.disabled))}
                      >
                        {user.disabled ? 'Enable' : 'Disable'}
                        <span className="visually-hidden"> {user.id}</span>
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={disabledControls}
                        onClick={() => setConfirming(user.id)}
                      >
                        Reset password<span className="visually-hidden"> of {user.id}</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The one chance to read a new password: it is not stored anywhere the UI could show it again. */
function OneTimePassword({ secret, onDone }: { secret: Secret; onDone: () => void }) {
  const headingId = useId();
  const panel = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => panel.current?.focus(), [secret]);
  const { user, password, reason } = secret;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section className="panel secret-panel" aria-labelledby={headingId} ref={panel} tabIndex={-1}>
      <h2 id={headingId}>One-time password for {user.displayName}</h2>
      <p>
        {reason === 'created'
          ? `Created user ${user.id}.`
          : `Reset the password of ${user.id}; they are signed out.`}{' '}
        Pass this password on by a secure route. It is shown only now; they must choose their own when they
        first sign in.
      </p>
      <p className="secret-value">
        <code>{password}</code>
      </p>
      <p className="status-actions">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy password
        </button>
        <button type="button" className="button" onClick={onDone}>
          Done, hide it
        </button>
        <span role="status" className="cell-note">
          {copied === true
            ? 'Copied.'
            : copied === false
              ? 'Could not copy; select the password instead.'
              : ''}
        </span>
      </p>
    </section>
  );
}

const ROLE_OPTIONS = [
  { value: '', label: 'Choose a role' },
  ...(Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] })),
];

const EMPTY_FORM = { id: '', displayName: '', role: '' as Role | '', nation: '' };

function AddUserForm({ onCreated }: { onCreated: (user: UserView, password: string) => void }) {
  const client = useApiClient();
  const headingId = useId();
  const [form, setForm] = useState(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors<NewUserField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idRef = useRef<HTMLInputElement>(null);
  const displayNameRef = useRef<HTMLInputElement>(null);
  const roleRef = useRef<HTMLSelectElement>(null);
  const nationRef = useRef<HTMLInputElement>(null);

  const set = (field: keyof typeof EMPTY_FORM) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));

  const show = (found: FieldErrors<NewUserField>) => {
    setErrors(found);
    if (found.id) idRef.current?.focus();
    else if (found.displayName) displayNameRef.current?.focus();
    else if (found.role) roleRef.current?.focus();
    else if (found.nation) nationRef.current?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const found = validateNewUser(form);
    show(found);
    if (hasErrors(found) || form.role === '') return;
    const nation = normaliseNation(form.nation);
    const password = generateOneTimePassword();
    setBusy(true);
    try {
      const user = await client.createUser({
        id: form.id.trim(),
        displayName: form.displayName.trim(),
        role: form.role,
        nation: nation === '' ? undefined : nation,
        password,
      });
      setForm(EMPTY_FORM);
      setErrors({});
      onCreated(user, password);
    } catch (err) {
      const error = asApiError(err);
      const byField: FieldErrors<NewUserField> = {};
      for (const issue of error.issues) {
        const field = (['id', 'displayName', 'role', 'nation'] as const).find((f) => issue.path === f);
        if (field) byField[field] = `This ${issue.message.replace(/\.$/, '')}.`;
      }
      if (error.status === 409) byField.id = `There is already a user called “${form.id.trim()}”.`;
      if (hasErrors(byField)) show(byField);
      else setFailure(error.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Add a user</h2>
      <form
        className="form form-grid"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-labelledby={headingId}
      >
        <TextField
          label="User name"
          value={form.id}
          onChange={set('id')}
          hint="What they type to sign in: letters, digits, . _ - or @."
          error={errors.id}
          inputRef={idRef}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          label="Display name"
          value={form.displayName}
          onChange={set('displayName')}
          hint="Shown in the header and the audit log, e.g. “Maj. A. Smith (GBR)”."
          error={errors.displayName}
          inputRef={displayNameRef}
          autoComplete="off"
          required
        />
        <SelectField
          label="Role"
          value={form.role}
          onChange={set('role')}
          options={ROLE_OPTIONS}
          error={errors.role}
          selectRef={roleRef}
          required
        />
        <TextField
          label="Nation"
          value={form.nation}
          onChange={set('nation')}
          hint="Three-letter ISO code. Required for a liaison officer; optional for an observer."
          error={errors.nation}
          inputRef={nationRef}
          className="input-short"
          autoComplete="off"
          spellCheck={false}
          required={form.role === 'liaison'}
        />
        {failure && <FormError>{failure}</FormError>}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Adding user…' : 'Add user'}
          </button>
          <span className="cell-note">A one-time password is generated and shown once.</span>
        </div>
      </form>
    </section>
  );
}

// --- changing a user's role and nation ------------------------------------------------------------

export type AccessField = 'role' | 'nation';
export interface AccessForm {
  role: Role;
  nation: string;
}

export const accessFormOf = (user: Pick<UserView, 'role' | 'nation'>): AccessForm => ({
  role: user.role,
  nation: user.nation ?? '',
});

/** The same rules as a new user's role and nation (validateNewUser), asked before anything is sent. */
export function validateAccessChange(form: AccessForm): FieldErrors<AccessField> {
  const { role, nation } = validateNewUser({ id: 'x', displayName: 'x', ...form });
  return { ...(role && { role }), ...(nation && { nation }) };
}

/**
 * The change to send: the role and nation chosen (an empty nation is none), with the version the
 * form was opened on, so a change someone else made meanwhile is answered with a 409, not overwritten.
 */
export function accessPatch(user: Pick<UserView, 'version'>, form: AccessForm): UserPatchInput {
  const nation = normaliseNation(form.nation);
  return { version: user.version, role: form.role, nation: nation === '' ? null : nation };
}

/** What a refused change shows: the fields named with their reasons, the account as it now is, or a message. */
export type AccessFailure =
  | { kind: 'fields'; errors: FieldErrors<AccessField> }
  | { kind: 'conflict'; current: UserView }
  | { kind: 'message'; message: string };

export function accessFailure(error: ApiError): AccessFailure {
  if (error.status === 409 && isUserView(error.current)) return { kind: 'conflict', current: error.current };
  const errors: FieldErrors<AccessField> = {};
  for (const issue of error.issues) {
    if (issue.path === 'role' || issue.path === 'nation')
      errors[issue.path] = `This ${issue.message.replace(/\.$/, '')}.`;
  }
  if (hasErrors(errors)) return { kind: 'fields', errors };
  return { kind: 'message', message: error.message };
}

function isUserView(value: unknown): value is UserView {
  const v = value as Partial<UserView> | null | undefined;
  return typeof v?.id === 'string' && typeof v.version === 'number' && typeof v.role === 'string';
}

interface EditUserAccessProps {
  user: UserView;
  onSaved: (user: UserView) => void;
  /** After a conflict: the account as it now is, to edit again. */
  onReloaded: (user: UserView) => void;
  onCancel: () => void;
}

/** The form that changes one user's role and nation; EditUserAccessView draws it. */
function EditUserAccess({ user, onSaved, onReloaded, onCancel }: EditUserAccessProps) {
  const client = useApiClient();
  const [form, setForm] = useState<AccessForm>(() => accessFormOf(user));
  const [errors, setErrors] = useState<FieldErrors<AccessField>>({});
  const [conflict, setConflict] = useState<UserView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roleRef = useRef<HTMLSelectElement>(null);
  const nationRef = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), [user]);

  const show = (found: FieldErrors<AccessField>) => {
    setErrors(found);
    if (found.role) roleRef.current?.focus();
    else if (found.nation) nationRef.current?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setConflict(null);
    const found = validateAccessChange(form);
    show(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      onSaved(await client.updateUser(user.id, accessPatch(user, form)));
    } catch (err) {
      const refused = accessFailure(asApiError(err));
      if (refused.kind === 'fields') show(refused.errors);
      else if (refused.kind === 'conflict') setConflict(refused.current);
      else setFailure(refused.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <EditUserAccessView
      user={user}
      form={form}
      errors={errors}
      conflict={conflict}
      failure={failure}
      busy={busy}
      panelRef={panel}
      roleRef={roleRef}
      nationRef={nationRef}
      onChange={(field, value) => setForm((f) => ({ ...f, [field]: value }))}
      onSubmit={(e) => void submit(e)}
      onReload={(current) => onReloaded(current)}
      onCancel={onCancel}
    />
  );
}

export interface EditUserAccessViewProps {
  user: UserView;
  form: AccessForm;
  errors: FieldErrors<AccessField>;
  /** The account as another administrator left it, when the change met theirs. */
  conflict: UserView | null;
  failure: string | null;
  busy: boolean;
  panelRef?: Ref<HTMLElement>;
  roleRef?: Ref<HTMLSelectElement>;
  nationRef?: Ref<HTMLInputElement>;
  onChange: (field: AccessField, value: string) => void;
  onSubmit: (e: FormEvent) => void;
  onReload: (current: UserView) => void;
  onCancel: () => void;
}

export function EditUserAccessView(props: EditUserAccessViewProps) {
  const { user, form, errors, conflict, failure, busy } = props;
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId} ref={props.panelRef} tabIndex={-1}>
      <h2 id={headingId}>Change the role and nation of {user.id}</h2>
      <p>
        Now {describeRole(user)}. A new role applies from their next request; a liaison officer or observer
        sees what is releasable to the nation given here.
      </p>
      {conflict && (
        <div className="status-message status-error" role="alert">
          <p className="status-title">Not saved: another administrator changed {conflict.id} meanwhile.</p>
          <p>
            It is now {describeRole(conflict)}
            {conflict.disabled ? ', disabled' : ''} (display name “{conflict.displayName}”). Reload it to
            start from what it is now, then make your change again if it is still needed.
          </p>
          <p className="status-actions">
            <button type="button" className="button" onClick={() => props.onReload(conflict)}>
              Reload {conflict.id}
            </button>
          </p>
        </div>
      )}
      <form className="form form-grid" onSubmit={props.onSubmit} noValidate aria-labelledby={headingId}>
        <SelectField
          label="Role"
          value={form.role}
          onChange={(v) => props.onChange('role', v)}
          options={ROLE_OPTIONS.filter((o) => o.value !== '')}
          error={errors.role}
          selectRef={props.roleRef}
          required
        />
        <TextField
          label="Nation"
          value={form.nation}
          onChange={(v) => props.onChange('nation', v)}
          hint="Three-letter ISO code. Required for a liaison officer; optional for an observer; empty for staff."
          error={errors.nation}
          inputRef={props.nationRef}
          className="input-short"
          autoComplete="off"
          spellCheck={false}
          required={form.role === 'liaison'}
        />
        {failure && <FormError>{failure}</FormError>}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || conflict !== null}>
            {busy ? 'Saving…' : 'Save role and nation'}
          </button>
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function upsert(users: readonly UserView[], user: UserView): UserView[] {
  const rest = users.filter((u) => u.id !== user.id);
  return [...rest, user];
}
