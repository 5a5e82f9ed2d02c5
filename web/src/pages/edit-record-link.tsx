// The way from a record's own page to its form, for the kinds that have one and a user allowed to
// change the record (planners; a liaison officer for its own nation's records). Others see no link.
import type { EntityKind } from '../../../src/domain/records.ts';
import { recordPagePath } from '../paths.ts';
import { KIND_NAMES } from '../record-kinds.ts';
import { Link } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { canEditRecord, editRecordPath, editableKindOfPath } from './edit-paths.ts';
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
  return (
    <>
      <SavedNotice />
      {editable && canEditRecord(user, editable, nation) && (
        <p className="record-actions">
          <Link
            className="button"
            to={editRecordPath(scenarioId, editable, recordKey, {
              back: recordPagePath(scenarioId, kind, recordKey),
            })}
          >
            Edit this {KIND_NAMES[kind].one.toLowerCase()}
          </Link>
        </p>
      )}
    </>
  );
}
