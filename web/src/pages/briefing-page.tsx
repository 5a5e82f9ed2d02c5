// The Briefing page: the scenario's briefing packs for coalition HQ's decision briefs. Above, the
// form that makes a pack for an audience (with the courses of action compared and the planner's
// bottom line and recommendations); below it the packs kept that the user may read, newest first,
// each to preview here, save as PDF or open as its HTML document; and the preview, the pack drawn
// from its data as the PDF lays it out, banner at top and foot. The previewed pack is kept in the
// address (`?audience=coalition&version=3`), so a preview is a link a planner can send; printing
// the page prints the preview alone (styles.css, "Briefing page").
import { useEffect, useId, useRef, useState } from 'react';
import type { Brief, BriefSummaryWire } from '../../../src/contract/brief.ts';
import { parseAudience } from '../../../src/domain/brief/audience.ts';
import type { UserView } from '../api-client.ts';
import { BriefMakePanel } from '../components/brief-make-form.tsx';
import { BriefPackView } from '../components/brief-pack-view.tsx';
import { BriefPacksTable, packName } from '../components/brief-packs-table.tsx';
import { variantCandidates } from '../components/compare-variant-picker.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { formatDateTime } from '../format.ts';
import { useRouter } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApi, useApiClient } from '../use-api.tsx';
import { canEditScenario } from './edit-paths.ts';
import { useScenario } from './scenario-layout.tsx';

/** A pack by its audience and version, as the address names it. */
export interface PackRef {
  audience: string;
  version: number;
}

export const AUDIENCE_PARAM = 'audience';
export const VERSION_PARAM = 'version';

/** The pack the address names, or null when it names none (or not a pack). */
export function readPackRef(search: string): PackRef | null {
  const q = new URLSearchParams(search);
  const audience = q.get(AUDIENCE_PARAM) ?? '';
  const version = q.get(VERSION_PARAM) ?? '';
  if (!parseAudience(audience) || !/^[1-9]\d{0,8}$/.test(version)) return null;
  return { audience, version: Number(version) };
}

/** The query string `search` naming `pack` (or none), other parameters kept. */
export function packSearch(search: string, pack: PackRef | null): string {
  const q = new URLSearchParams(search);
  q.delete(AUDIENCE_PARAM);
  q.delete(VERSION_PARAM);
  if (pack) {
    q.set(AUDIENCE_PARAM, pack.audience);
    q.set(VERSION_PARAM, String(pack.version));
  }
  const s = q.toString().replace(/%3A/gi, ':');
  return s ? `?${s}` : '';
}

/**
 * The address with the preview's pack, without the router: its navigation scrolls to the top,
 * and the preview is further down. The router reads the address again on the next navigation.
 */
function replacePackInAddress(pack: PackRef | null): void {
  if (typeof window === 'undefined') return;
  const { pathname, search } = window.location;
  const next = pathname + packSearch(search, pack);
  if (next !== pathname + search) window.history.replaceState(window.history.state, '', next);
}

/** Who reads which packs, in words, for the note above the list. */
function readsWhich(user: Pick<UserView, 'role' | 'nation'>): string {
  if (canEditScenario(user)) return 'The packs of every audience';
  if (user.role === 'liaison' && user.nation)
    return `The packs for the coalition, the public and release to ${user.nation}`;
  return 'The public packs';
}

export function BriefingPage() {
  const scenario = useScenario();
  const user = useCurrentUser();
  const client = useApiClient();
  const { search } = useRouter();
  const [selected, setSelected] = useState<PackRef | null>(() => readPackRef(search));
  // The pack just made, so its preview needs no second request.
  const [made, setMade] = useState<Brief | null>(null);
  const [listed, setListed] = useState(0);
  const focusPreview = useRef(false);
  const briefs = useApi((c, signal) => c.listBriefs(scenario.id, { signal }), [scenario.id, listed]);
  const packsId = useId();

  const select = (pack: PackRef | null, focus: boolean) => {
    focusPreview.current = focus;
    setSelected(pack);
    replacePackInAddress(pack);
  };

  return (
    <div className="brief-page">
      <MakePanel
        user={user}
        briefs={briefs.status === 'ready' ? briefs.data : undefined}
        onMade={(brief) => {
          setMade(brief);
          setListed((n) => n + 1);
          select({ audience: brief.audience, version: brief.version }, false);
        }}
      />
      <section className="panel brief-packs" aria-labelledby={packsId}>
        <h2 id={packsId}>Packs kept</h2>
        <p className="panel-note">
          {readsWhich(user)}, newest first. A pack never changes once made; its PDF and HTML say the same as
          its preview.
        </p>
        {briefs.status === 'loading' && <LoadingMessage>Loading the packs kept…</LoadingMessage>}
        {briefs.status === 'error' && (
          <ErrorMessage title="The packs could not be listed." error={briefs.error} onRetry={briefs.reload} />
        )}
        {briefs.status === 'ready' && (
          <BriefPacksTable
            briefs={briefs.data}
            selected={selected ?? undefined}
            onPreview={(b) => select({ audience: b.audience, version: b.version }, true)}
            hrefOf={(b, format, download) =>
              client.briefFileUrl(scenario.id, b.audience, b.version, format, download)
            }
          />
        )}
      </section>
      {selected ? (
        <BriefPreview
          key={packName(selected)}
          scenarioId={scenario.id}
          pack={selected}
          made={made}
          focus={focusPreview}
          onClose={() => select(null, false)}
        />
      ) : (
        <p className="brief-print-hint">
          No pack is open: choose Preview on a pack kept, then print, to print it.
        </p>
      )}
    </div>
  );
}

/** The form, once the scenarios to compare (and, for staff, the nations) are read. */
function MakePanel({
  user,
  briefs,
  onMade,
}: {
  user: Pick<UserView, 'role' | 'nation'>;
  briefs: readonly BriefSummaryWire[] | undefined;
  onMade: (brief: Brief) => void;
}) {
  const scenario = useScenario();
  const staff = canEditScenario(user);
  const maker = user.role !== 'observer';
  const inputs = useApi(
    async (client, signal) => {
      if (!maker) return { candidates: [], nations: [] };
      const [scenarios, nations] = await Promise.all([
        client.listScenarios({ signal }),
        staff ? client.listRecords(scenario.id, 'nations', { signal }) : Promise.resolve([]),
      ]);
      return {
        candidates: variantCandidates(scenario.id, scenarios),
        nations: nations.map((n) => ({ id: n.id as string, name: n.name })),
      };
    },
    [scenario.id, scenario.version, maker, staff],
  );
  if (inputs.status === 'loading') return <LoadingMessage>Loading the scenarios to compare…</LoadingMessage>;
  if (inputs.status === 'error') {
    return (
      <ErrorMessage
        title="The scenarios to compare could not be listed."
        error={inputs.error}
        onRetry={inputs.reload}
      />
    );
  }
  return (
    <BriefMakePanel
      scenarioId={scenario.id}
      user={user}
      nations={inputs.data.nations}
      candidates={inputs.data.candidates}
      briefs={briefs}
      onMade={onMade}
    />
  );
}

/** The previewed pack, with its files and a way to print it; focused when the user asked for it. */
function BriefPreview({
  scenarioId,
  pack,
  made,
  focus,
  onClose,
}: {
  scenarioId: string;
  pack: PackRef;
  made: Brief | null;
  focus: { current: boolean };
  onClose: () => void;
}) {
  const client = useApiClient();
  const box = useRef<HTMLElement>(null);
  const name = packName(pack);
  const result = useApi(
    (c, signal) =>
      made && packName(made) === name
        ? Promise.resolve(made)
        : c.getBrief(scenarioId, pack.audience, pack.version, { signal }),
    [scenarioId, name],
  );
  const ready = result.status === 'ready';
  useEffect(() => {
    if (!ready || !focus.current) return;
    focus.current = false;
    box.current?.focus({ preventScroll: true });
    box.current?.scrollIntoView({ block: 'start' });
  }, [ready, focus]);

  if (result.status === 'loading') return <LoadingMessage>Loading {name}…</LoadingMessage>;
  if (result.status === 'error') {
    return (
      <ErrorMessage
        title={`The pack ${name} could not be read.`}
        error={result.error}
        onRetry={result.reload}
      >
        <button type="button" className="button button-secondary" onClick={onClose}>
          Close
        </button>
      </ErrorMessage>
    );
  }
  const brief = result.data;
  return (
    <section ref={box} className="panel brief-preview" aria-label={`Preview of ${name}`} tabIndex={-1}>
      <div className="brief-preview-bar">
        <p>
          Preview of <strong>{name}</strong>, made by {brief.createdBy} on {formatDateTime(brief.createdAt)}.
        </p>
        <p className="brief-preview-actions">
          <a
            href={client.briefFileUrl(scenarioId, brief.audience, brief.version, 'pdf', true)}
            download
            className="button"
          >
            Download PDF
          </a>
          <a
            href={client.briefFileUrl(scenarioId, brief.audience, brief.version, 'html')}
            target="_blank"
            rel="noreferrer noopener"
            className="button button-secondary"
          >
            Open HTML
          </a>
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close the preview
          </button>
        </p>
      </div>
      <BriefPackView pack={brief.pack} />
    </section>
  );
}
