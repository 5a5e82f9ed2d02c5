// Making a briefing pack on the Briefing page: the audience (only those the user may make packs
// for), the scenarios to compare as courses of action (the Compare page's candidates: the
// scenario's own variants first), the planner's bottom line up front and recommendations, and the
// Monte Carlo draws. The summary starts as the newest pack of the chosen audience had it, until the
// user edits it. Making a pack takes seconds (every analysis runs on the cut for the audience), so
// the form says so while it runs; a refused field's reason is shown at the field, a scenario changed
// meanwhile (409) or a busy server (503) offers to try again. Observers make no packs and are told
// why. brief-form-model.ts holds the logic; this draws it.
import { useEffect, useId, useRef, useState, type FormEvent, type Ref, type RefObject } from 'react';
import type { Brief, BriefSummaryWire } from '../../../src/contract/brief.ts';
import type { UserView } from '../api-client.ts';
import { useApiClient } from '../use-api.tsx';
import {
  BRIEF_VARIANTS_MAX,
  RECOMMENDATIONS_MAX,
  audienceOptions,
  briefFailure,
  briefRequestOf,
  checkBriefRequest,
  emptyBriefForm,
  recommendationKey,
  summaryOfPack,
  variantKey,
  type AudienceOption,
  type BriefForm,
  type BriefProblem,
} from './brief-form-model.ts';
import { packName } from './brief-packs-table.tsx';
import type { VariantCandidate } from './compare-variant-picker.tsx';
import { hasFormErrors, type FormErrors } from './record-form-model.ts';
import { IssuesMessage, RefusedMessage } from './form-problems.tsx';
import { LoadingMessage } from './status-message.tsx';

export const MAKE_TITLE = 'Make a briefing pack';

export interface BriefMakePanelProps {
  scenarioId: string;
  user: Pick<UserView, 'role' | 'nation'>;
  /** The scenario's nations: coalition staff may make a pack releasable to any of them. */
  nations: readonly { id: string; name: string }[];
  /** The scenarios the user may compare with this one. */
  candidates: readonly VariantCandidate[];
  /** The packs kept (newest first), to start the summary from; undefined while they load. */
  briefs: readonly BriefSummaryWire[] | undefined;
  onMade: (brief: Brief) => void;
}

/** The form for those who may make packs; for an observer, why there is none. */
export function BriefMakePanel(props: BriefMakePanelProps) {
  const id = useId();
  const options = audienceOptions(props.user, props.nations);
  return (
    <section className="panel brief-make" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{MAKE_TITLE}</h2>
      {options.length === 0 ? (
        <p className="notice" role="note">
          Observers read the public packs kept below but do not make packs: a pack is kept and audited, which
          coalition staff and liaison officers do.
        </p>
      ) : (
        <BriefMakeForm {...props} options={options} />
      )}
    </section>
  );
}

/** Seconds since `running` became true, counted while it stays true. */
function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return seconds;
}

/** Whether the user has edited the summary, and which pack it was last filled from ('' for none). */
interface SummarySource {
  edited: boolean;
  from: string | null;
}

/**
 * Fills the summary from the newest pack of the chosen audience, unless the user has edited it
 * (an audience with no pack yet starts empty: another audience's words may not be meant for it).
 */
function usePrefill(
  scenarioId: string,
  audience: string,
  briefs: readonly BriefSummaryWire[] | undefined,
  source: RefObject<SummarySource>,
  fill: (summary: { bluf: string; recommendations: string[] }, from: string) => void,
): void {
  const client = useApiClient();
  const newest = briefs?.find((b) => b.audience === audience);
  const key = briefs === undefined ? null : newest ? packName(newest) : '';
  const fillRef = useRef(fill);
  fillRef.current = fill;
  useEffect(() => {
    if (key === null || source.current.edited || source.current.from === key) return;
    if (!newest) {
      fillRef.current({ bluf: '', recommendations: [] }, key);
      return;
    }
    const controller = new AbortController();
    client.getBrief(scenarioId, newest.audience, newest.version, { signal: controller.signal }).then(
      (brief) => {
        if (!controller.signal.aborted && !source.current.edited)
          fillRef.current(summaryOfPack(brief.pack), key);
      },
      // Not filled in: the form stays as it is, and the user writes the summary.
      () => undefined,
    );
    return () => controller.abort();
    // `newest` is named by `key`.
  }, [client, scenarioId, key, source]);
}

function BriefMakeForm({
  scenarioId,
  candidates,
  briefs,
  onMade,
  options,
}: BriefMakePanelProps & { options: readonly AudienceOption[] }) {
  const client = useApiClient();
  const box = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<BriefForm>(() => emptyBriefForm(options[0]?.value ?? ''));
  const source = useRef<SummarySource>({ edited: false, from: null });
  const [prefilledFrom, setPrefilledFrom] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<BriefProblem | null>(null);
  const [sending, setSending] = useState(false);
  const [made, setMade] = useState<Brief | null>(null);
  const [attempt, setAttempt] = useState(0);
  const elapsed = useElapsedSeconds(sending);

  usePrefill(scenarioId, form.audience, briefs, source, (summary, from) => {
    const rows = summary.recommendations.length > 0 ? summary.recommendations : [''];
    source.current.from = from;
    setForm((f) => ({ ...f, bluf: summary.bluf, recommendations: rows }));
    setPrefilledFrom(from || null);
  });

  // After a refusal, focus goes to the first field at fault, else to the message about the form.
  useEffect(() => {
    if (attempt === 0) return;
    const target =
      box.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      box.current?.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [attempt]);

  const change = (changes: Partial<BriefForm>, cleared: readonly string[]) => {
    if (changes.bluf !== undefined || changes.recommendations !== undefined) source.current.edited = true;
    setForm((f) => ({ ...f, ...changes }));
    if (cleared.some((k) => errors[k] !== undefined))
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !cleared.includes(k))));
  };

  const refuse = (next: FormErrors, why: BriefProblem | null) => {
    setErrors(next);
    setProblem(why);
    setAttempt((n) => n + 1);
  };

  const submit = async () => {
    setProblem(null);
    setMade(null);
    const built = briefRequestOf(form);
    const checked = checkBriefRequest(built);
    if (hasFormErrors(checked.errors) || checked.general.length > 0) {
      refuse(checked.errors, checked.general.length > 0 ? { kind: 'issues', issues: checked.general } : null);
      return;
    }
    setErrors({});
    setSending(true);
    try {
      const brief = await client.createBrief(scenarioId, built.request);
      setSending(false);
      setMade(brief);
      // The pack just made holds these words: the next version starts from them, as they stand.
      source.current = { edited: false, from: packName(brief) };
      setPrefilledFrom(packName(brief));
      onMade(brief);
    } catch (e) {
      setSending(false);
      const failure = briefFailure(e, built);
      refuse(failure.errors, failure.problem);
    }
  };

  return (
    <BriefMakeFormView
      formRef={box}
      options={options}
      candidates={candidates}
      form={form}
      errors={errors}
      problem={problem}
      sending={sending}
      elapsed={elapsed}
      prefilledFrom={prefilledFrom}
      made={made}
      onChange={change}
      onSubmit={() => void submit()}
    />
  );
}

export interface BriefMakeFormViewProps {
  formRef?: Ref<HTMLFormElement>;
  options: readonly AudienceOption[];
  candidates: readonly VariantCandidate[];
  form: BriefForm;
  errors: FormErrors;
  problem: BriefProblem | null;
  sending: boolean;
  /** Seconds the request has been running. */
  elapsed: number;
  /** The pack the summary was filled in from (`coalition v2`), if any. */
  prefilledFrom: string | null;
  made: Pick<Brief, 'audience' | 'version' | 'pack'> | null;
  /** `cleared`: the error keys the change answers. */
  onChange: (changes: Partial<BriefForm>, cleared: readonly string[]) => void;
  onSubmit: () => void;
}

/** The form as it stands (controlled, so a test can render each state). */
export function BriefMakeFormView(props: BriefMakeFormViewProps) {
  const { options, form, errors, problem, sending, made } = props;
  const id = useId();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!sending) props.onSubmit();
  };
  return (
    <form
      ref={props.formRef}
      className="form brief-make-form"
      aria-label={MAKE_TITLE}
      onSubmit={submit}
      noValidate
    >
      <p className="panel-note">
        A pack holds only what its audience may see, with the classification banner its contents call for.
        Each is kept as the next version of its audience’s packs.
      </p>
      <div className={errors.audience ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-audience`}>Audience</label>
        <select
          id={`${id}-audience`}
          className="input brief-audience"
          value={form.audience}
          aria-invalid={errors.audience ? true : undefined}
          aria-describedby={errors.audience ? `${id}-audience-error` : undefined}
          onChange={(e) => props.onChange({ audience: e.target.value }, ['audience'])}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-audience-error`} error={errors.audience} />
      </div>
      <VariantsField {...props} />
      <SummaryFields {...props} />
      <div className={errors.draws ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-draws`}>Monte Carlo draws</label>
        <p className="field-hint" id={`${id}-draws-hint`}>
          Optional: from 100 to 100,000; blank for 10,000. More draws take longer.
        </p>
        <input
          id={`${id}-draws`}
          type="text"
          inputMode="numeric"
          className="input input-short"
          value={form.draws}
          aria-invalid={errors.draws ? true : undefined}
          aria-describedby={`${id}-draws-hint${errors.draws ? ` ${id}-draws-error` : ''}`}
          onChange={(e) => props.onChange({ draws: e.target.value }, ['draws'])}
        />
        <FieldError id={`${id}-draws-error`} error={errors.draws} />
      </div>
      {problem && <BriefProblemMessage problem={problem} onRetry={props.onSubmit} />}
      <p className="form-actions">
        <button type="submit" className="button" disabled={sending}>
          {sending ? 'Making the pack…' : 'Make the pack'}
        </button>
      </p>
      {sending && (
        <LoadingMessage>
          Making the {form.audience} pack: every analysis runs on what its audience may see, then the charts
          and the map are drawn. This takes a few seconds ({props.elapsed} s so far).
        </LoadingMessage>
      )}
      {made && (
        <p className="notice notice-good" role="status">
          Made {packName(made)}, marked {made.pack.banner.text}: it is kept below and shown in the preview.
        </p>
      )}
    </form>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {error}
    </p>
  );
}

function VariantsField({ candidates, form, errors, onChange }: BriefMakeFormViewProps) {
  const id = useId();
  const full = form.variants.length >= BRIEF_VARIANTS_MAX;
  const toggle = (sid: string, on: boolean) => {
    const chosen = on ? [...form.variants, sid] : form.variants.filter((x) => x !== sid);
    // In the order listed, so the pack's columns follow the list.
    const variants = candidates.map((c) => c.id).filter((x) => chosen.includes(x));
    onChange({ variants }, ['variants', variantKey(sid)]);
  };
  return (
    <fieldset className={errors.variants ? 'choice-list field-invalid' : 'choice-list'}>
      <legend className="field-label">Courses of action to compare</legend>
      <p className="field-hint">
        Optional: up to {BRIEF_VARIANTS_MAX} scenarios, compared with this one as the baseline; this
        scenario’s own variants first.
        {full && ` ${BRIEF_VARIANTS_MAX} are chosen: clear one to choose another.`}
      </p>
      {candidates.length === 0 && <p className="panel-note">There is no other scenario to compare with.</p>}
      <ul className="brief-candidates">
        {candidates.map((c) => {
          const on = form.variants.includes(c.id);
          const error = errors[variantKey(c.id)];
          const described = [c.note ? `${id}-${c.id}-note` : '', error ? `${id}-${c.id}-error` : '']
            .filter(Boolean)
            .join(' ');
          return (
            <li key={c.id} className={error ? 'check-field field-invalid' : 'check-field'}>
              <input
                id={`${id}-${c.id}`}
                type="checkbox"
                checked={on}
                disabled={!on && full}
                aria-invalid={error ? true : undefined}
                aria-describedby={described || undefined}
                onChange={(e) => toggle(c.id, e.target.checked)}
              />
              <label htmlFor={`${id}-${c.id}`}>{c.name}</label>
              {c.note && (
                <p className="field-hint" id={`${id}-${c.id}-note`}>
                  {c.note}
                </p>
              )}
              <FieldError id={`${id}-${c.id}-error`} error={error} />
            </li>
          );
        })}
      </ul>
      <FieldError id={`${id}-error`} error={errors.variants} />
    </fieldset>
  );
}

function SummaryFields({ form, errors, prefilledFrom, onChange }: BriefMakeFormViewProps) {
  const id = useId();
  const rows = form.recommendations;
  const setRow = (i: number, value: string) =>
    onChange({ recommendations: rows.map((r, j) => (j === i ? value : r)) }, [
      recommendationKey(i),
      'recommendations',
    ]);
  // Removing a row moves those below it up: their errors no longer name them.
  const removeRow = (i: number) =>
    onChange({ recommendations: rows.length > 1 ? rows.filter((_, j) => j !== i) : [''] }, [
      'recommendations',
      ...rows.map((_, j) => recommendationKey(j)).slice(i),
    ]);
  return (
    <fieldset className="brief-summary">
      <legend className="field-label">Summary</legend>
      <p className="field-hint">
        {prefilledFrom
          ? `Filled in from ${prefilledFrom}, the newest pack of this audience: edit it for the next version.`
          : 'Left blank, the pack states the headline figures as its bottom line.'}
      </p>
      <div className={errors.bluf ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-bluf`}>Bottom line up front (BLUF)</label>
        <textarea
          id={`${id}-bluf`}
          className="input brief-bluf"
          rows={4}
          value={form.bluf}
          aria-invalid={errors.bluf ? true : undefined}
          aria-describedby={errors.bluf ? `${id}-bluf-error` : undefined}
          onChange={(e) => onChange({ bluf: e.target.value }, ['bluf'])}
        />
        <FieldError id={`${id}-bluf-error`} error={errors.bluf} />
      </div>
      <ol className="brief-recommendations">
        {rows.map((row, i) => {
          const error = errors[recommendationKey(i)];
          return (
            <li key={i} className={error ? 'field field-invalid' : 'field'}>
              <label htmlFor={`${id}-rec-${i}`}>Recommendation {i + 1}</label>
              <span className="brief-recommendation-row">
                <input
                  id={`${id}-rec-${i}`}
                  type="text"
                  className="input"
                  value={row}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-rec-${i}-error` : undefined}
                  onChange={(e) => setRow(i, e.target.value)}
                />
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`Remove recommendation ${i + 1}`}
                  onClick={() => removeRow(i)}
                >
                  Remove
                </button>
              </span>
              <FieldError id={`${id}-rec-${i}-error`} error={error} />
            </li>
          );
        })}
      </ol>
      <FieldError id={`${id}-recs-error`} error={errors.recommendations} />
      <p className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={rows.length >= RECOMMENDATIONS_MAX}
          onClick={() => onChange({ recommendations: [...rows, ''] }, ['recommendations'])}
        >
          Add a recommendation
        </button>
        <span className="field-hint">Up to {RECOMMENDATIONS_MAX}; blank rows are left out.</span>
      </p>
    </fieldset>
  );
}

/** Why the pack was not made, above the button, with a way to try again where that can help. */
export function BriefProblemMessage({ problem, onRetry }: { problem: BriefProblem; onRetry: () => void }) {
  if (problem.kind === 'refused')
    return <RefusedMessage error={problem.error} lead="The pack was not made: " />;
  if (problem.kind === 'issues')
    return (
      <IssuesMessage what="pack" whole="The request" issues={problem.issues} lead="The pack was not made:" />
    );
  const wait = problem.error.retryAfterSeconds;
  return (
    <div className="form-error conflict" role="alert" tabIndex={-1}>
      <p>
        {problem.kind === 'conflict'
          ? 'The scenario changed while the pack was being made, so it was not kept: a pack holds the scenario as it stood at one version. Try again to make it from the scenario as it now stands.'
          : `The server is busy with other analyses: the pack was not made. Try again${wait ? ` in ${wait} seconds` : ' shortly'}.`}
      </p>
      <p className="form-actions">
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </p>
    </div>
  );
}
