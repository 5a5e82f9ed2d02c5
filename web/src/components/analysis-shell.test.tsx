// The frame of the analysis pages: which answer it shows as requests come and go (the last one kept
// on screen while a newer one is computed, never another scenario's), and how it renders loading,
// recomputing, a failure with the API's message, and a busy server with when to try again.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../api-client.ts';
import type { ApiState } from '../use-api.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import { AnalysisShell, AnswerFrame, showAnswer, type Kept, type Shown } from './analysis-shell.tsx';

const retry = () => undefined;

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** Feeds request states to showAnswer as a page's hook would, returning what was shown each time. */
function run(states: { scope: string; state: ApiState<string> }[]): Shown<string>[] {
  let kept: Kept<string> | null = null;
  return states.map(({ scope, state }) => {
    const [shown, next] = showAnswer(state, kept, scope, retry);
    kept = next;
    return shown;
  });
}

const loading: ApiState<string> = { status: 'loading' };
const ready = (data: string): ApiState<string> => ({ status: 'ready', data });
const failed: ApiState<string> = { status: 'error', error: new ApiError(500, 'internal', 'boom') };

describe('showAnswer', () => {
  it('keeps the last answer, marked recomputing, while a switch change is computed', () => {
    const shown = run([
      { scope: 's1', state: loading },
      { scope: 's1', state: ready('with the US') },
      { scope: 's1', state: loading },
      { scope: 's1', state: ready('without the US') },
    ]);
    expect(shown.map((s) => s.status)).toEqual(['loading', 'ready', 'ready', 'ready']);
    expect(shown[2]).toMatchObject({ data: 'with the US', recomputing: true });
    expect(shown[3]).toMatchObject({ data: 'without the US', recomputing: false });
  });

  it('never shows another scenario’s answer while the next one loads', () => {
    const shown = run([
      { scope: 's1', state: ready('s1 figures') },
      { scope: 's2', state: loading },
    ]);
    expect(shown[1]).toEqual({ status: 'loading' });
  });

  it('shows a failure as it is, and the kept answer again on the retry', () => {
    const shown = run([
      { scope: 's1', state: ready('figures') },
      { scope: 's1', state: failed },
      { scope: 's1', state: loading },
    ]);
    expect(shown[1]).toMatchObject({ status: 'error', error: { message: 'boom' } });
    expect(shown[2]).toMatchObject({ status: 'ready', data: 'figures', recomputing: true });
  });
});

function frame(shown: Shown<string>): string {
  return renderToStaticMarkup(
    <AnswerFrame shown={shown} loading="Computing the figures…" failed="The figures could not be computed.">
      {(data) => <p className="figures">Figures: {data}</p>}
    </AnswerFrame>,
  );
}

describe('AnswerFrame', () => {
  it('says it is loading the first time', () => {
    const html = frame({ status: 'loading' });
    expect(html).toContain('role="status"');
    expect(text(html)).toBe('Computing the figures…');
  });

  it('keeps the last answer on screen, dimmed, with a recomputing status', () => {
    const html = frame({ status: 'ready', data: 'with the US', recomputing: true, retry });
    expect(html).toContain('class="answer is-recomputing" aria-busy="true"');
    expect(html).toMatch(/<p class="visually-hidden" role="status">Recomputing…<\/p>/);
    expect(text(html)).toContain('Figures: with the US');
  });

  it('shows a fresh answer with an empty status', () => {
    const html = frame({ status: 'ready', data: 'without the US', recomputing: false, retry });
    expect(html).toContain('class="answer" aria-busy="false"');
    expect(html).toContain('<p class="visually-hidden" role="status"></p>');
    expect(text(html)).toBe('Figures: without the US');
  });

  it('shows the API’s error message, with a retry', () => {
    const error = new ApiError(400, 'invalid', 'invalid parameters', [
      { path: 'draws', message: 'must be a whole number from 1 to 100000' },
    ]);
    const html = frame({ status: 'error', error, retry });
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain(
      'The figures could not be computed. invalid parameters (HTTP 400, invalid) draws : must be a whole number from 1 to 100000 Try again',
    );
  });

  it('says a 503 means the server is busy, and when to try again', () => {
    const message = 'the server is busy: 4 analysis jobs are running or waiting; try again in 5 s';
    const html = frame({
      status: 'error',
      error: new ApiError(503, 'unavailable', message, [], undefined, 5),
      retry,
    });
    expect(text(html)).toContain(
      `The server is busy with other analyses: try again in 5 seconds. ${message} (HTTP 503, unavailable) Try again`,
    );
    const unsaid = frame({ status: 'error', error: new ApiError(503, 'unavailable', 'busy'), retry });
    expect(text(unsaid)).toContain('The server is busy with other analyses: try again in a moment.');
  });
});

describe('AnalysisShell', () => {
  it('asks for the analysis and says so until it answers', () => {
    const client = new ApiClient({ fetch: () => new Promise<Response>(() => undefined) });
    const html = renderToStaticMarkup(
      <ApiClientProvider client={client}>
        <AnalysisShell
          scenario={{ id: 's1', version: 1 }}
          kind="fill"
          query={{ usBackstop: true }}
          loading="Matching offers to requirement lines…"
          failed="The force generation matrix could not be computed."
        >
          {(answer) => <p>{answer.result.totals.personnelMatched}</p>}
        </AnalysisShell>
      </ApiClientProvider>,
    );
    expect(text(html)).toBe('Matching offers to requirement lines…');
  });
});
