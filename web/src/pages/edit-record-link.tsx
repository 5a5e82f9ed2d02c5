// The way from a record's own page to its form (where it can be deleted too), and to a new record
// of its kind, for a user allowed to change the record (planners; a liaison officer for its own
// nation's offers, pledges and stance entries). Others see no link.
import type { EntityKind } from '../../../src/domain/records.ts';
import { recordPagePath } from '../paths.ts';
import { Link } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import {
  canCreateAny,
  canEditRecord,
  editRecordPath,
  editableKindOfPath,
  kindWord,
  newRecordPath,
} from './edit-paths.ts';
import { ENTITY_PATH } from '../../../src/domain/entity-paths.ts';
import { SavedNotice } from './edit-saved-notice.tsx';

export function RecordEditLink({
  scenarioId,
  kind,
  recordKey,
  nation,
}: {
  scenarioId: string;
  kind: EntityKind;
  recordKey: string;
  nation: string | undefined;
}) {
  const user = useCurrentUser();
  const editable = editableKindOfPath(ENTITY_PATH[kind]);
  const mayEdit = editable !== undefined && canEditRecord(user, editable, nation);
  const mayCreate = editable !== undefined && canCreateAny(user, editable);
  return (
    <>
      <SavedNotice />
      {editable && (mayEdit || mayCreate) && (
        <p className="record-actions">
          {mayEdit && (
            <Link
              className="button"
              to={editRecordPath(scenarioId, editable, recordKey, {
                back: recordPagePath(scenarioId, kind, recordKey),
              })}
            >
              Edit this {kindWord(kind)}
            </Link>
          )}{' '}
          {mayCreate && (
            <Link
              className="button button-secondary"
              to={newRecordPath(scenarioId, editable, { nation: user.nation ?? undefined })}
            >
              New {kindWord(kind)}
            </Link>
          )}
        </p>
      )}
    </>
  );
}
