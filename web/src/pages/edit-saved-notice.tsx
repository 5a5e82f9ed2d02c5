// After a form saves, it returns to the page it was opened from with `?saved=…` naming what was
// saved; that page says so once, as a status message, so the user knows the change went through
// (and the figures they now see include it).
import { useRouter } from '../router.tsx';

export const SAVED_PARAM = 'saved';

/** `path` with `saved=<text>` added to its query string (replacing an earlier one). */
export function withSaved(path: string, text: string): string {
  const [base = '', query = ''] = path.split('?', 2);
  const params = new URLSearchParams(query);
  params.set(SAVED_PARAM, text);
  return `${base}?${params.toString()}`;
}

export function savedOf(search: string): string {
  return (new URLSearchParams(search).get(SAVED_PARAM) ?? '').slice(0, 200);
}

export function SavedNotice() {
  const { search } = useRouter();
  const saved = savedOf(search);
  if (!saved) return null;
  return (
    <p className="notice notice-good" role="status">
      Saved: {saved}.
    </p>
  );
}
