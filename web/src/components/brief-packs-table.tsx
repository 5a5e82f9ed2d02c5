// The briefing packs kept for a scenario, of the audiences the reader may read, newest first: who
// made each and when, the hash of the inputs it was made from (and, for coalition staff, the
// scenario's content version), and the ways to read it: a preview on this page, its PDF to save,
// its HTML document in a new tab. The files' addresses come from the typed client (hrefOf).
import type { BriefSummaryWire } from '../../../src/contract/brief.ts';
import { formatDateTime } from '../format.ts';
import { DataTable, type Column } from './data-table.tsx';

/** A pack as its table row names it: `coalition v3`. */
export const packName = (b: Pick<BriefSummaryWire, 'audience' | 'version'>) => `${b.audience} v${b.version}`;

/** How much of the hash a row shows; the whole is its title. */
const HASH_SHOWN = 12;

export interface BriefPacksTableProps {
  briefs: readonly BriefSummaryWire[];
  /** The pack previewed now, if any. */
  selected?: { audience: string; version: number } | undefined;
  onPreview: (brief: BriefSummaryWire) => void;
  hrefOf: (brief: BriefSummaryWire, format: 'pdf' | 'html', download: boolean) => string;
}

/** Newest first, whatever order they came in (the API sends them so). */
export function newestFirst(briefs: readonly BriefSummaryWire[]): BriefSummaryWire[] {
  return [...briefs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function BriefPacksTable({ briefs, selected, onPreview, hrefOf }: BriefPacksTableProps) {
  const isSelected = (b: BriefSummaryWire) =>
    selected?.audience === b.audience && selected.version === b.version;
  const withVersion = briefs.some((b) => b.scenarioVersion !== null);
  const columns: Column<BriefSummaryWire>[] = [
    { id: 'audience', header: 'Audience', rowHeader: true, cell: (b) => b.audience },
    { id: 'version', header: 'Version', numeric: true, cell: (b) => b.version },
    { id: 'by', header: 'Made by', cell: (b) => b.createdBy },
    {
      id: 'at',
      header: 'Made at',
      className: 'nowrap',
      cell: (b) => <time dateTime={b.createdAt}>{formatDateTime(b.createdAt)}</time>,
    },
    {
      id: 'hash',
      header: 'Inputs hash',
      cell: (b) => (
        <code className="brief-hash-short" title={`SHA-256 ${b.contentHash}`}>
          {b.contentHash.slice(0, HASH_SHOWN)}
        </code>
      ),
    },
    ...(withVersion
      ? [
          {
            id: 'content-version',
            header: 'Content version',
            numeric: true,
            cell: (b: BriefSummaryWire) => b.scenarioVersion ?? '—',
          },
        ]
      : []),
    {
      id: 'actions',
      header: 'Read it',
      cell: (b) => (
        <span className="brief-pack-actions">
          <button
            type="button"
            className="link-button"
            aria-label={`Preview ${packName(b)}`}
            aria-pressed={isSelected(b)}
            onClick={() => onPreview(b)}
          >
            Preview
          </button>
          <a href={hrefOf(b, 'pdf', true)} download aria-label={`Download the PDF of ${packName(b)}`}>
            Download PDF
          </a>
          <a
            href={hrefOf(b, 'html', false)}
            target="_blank"
            rel="noreferrer noopener"
            aria-label={`Open the HTML of ${packName(b)} in a new tab`}
          >
            Open HTML
          </a>
        </span>
      ),
    },
  ];
  return (
    <DataTable
      caption="Packs kept"
      captionHidden
      columns={columns}
      rows={newestFirst(briefs)}
      rowKey={packName}
      emptyMessage="No pack has been made yet for the audiences you may read."
    />
  );
}
