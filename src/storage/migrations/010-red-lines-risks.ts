// Nations' red lines and the risk register as record kinds (`redLines` and `risks` in the document,
// schemaVersion 3): one table each, keyed like the others by (scenario_id, id), in document order by
// `ord`, with the releasability marking every record carries. A red line names its nation (a foreign
// key keeps the nation while a red line names it) and a rung of the scenario's escalation ladder,
// which lives in the header's jsonb and is checked by the store. A risk's links (kind and key) and
// controls are read and written whole, as jsonb. Written out literally: a shipped migration must not
// change when the code does.
import { sql, type Kysely } from 'kysely';

const RECORD = `
  ord integer NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

const marking = (table: string) => `
  releasability text
    CONSTRAINT ${table}_releasability_level CHECK (releasability IN ('PUBLIC', 'COALITION', 'REL_TO')),
  rel_to text[] NOT NULL DEFAULT '{}',
  CONSTRAINT ${table}_rel_to CHECK ((releasability IS NOT DISTINCT FROM 'REL_TO') = (cardinality(rel_to) > 0))`;

const SCENARIO_FK = 'FOREIGN KEY (scenario_id) REFERENCES scenarios (id) ON DELETE CASCADE';

const STATEMENTS = [
  `CREATE TABLE red_lines (
    scenario_id text NOT NULL,
    id text NOT NULL,
    nation text NOT NULL,
    rung text NOT NULL,
    effect text NOT NULL,
    share double precision,
    km double precision,
    statement text NOT NULL,
    provenance jsonb,${RECORD},${marking('red_lines')},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK},
    FOREIGN KEY (scenario_id, nation) REFERENCES nations (scenario_id, id)
  )`,
  `CREATE TABLE risks (
    scenario_id text NOT NULL,
    id text NOT NULL,
    title text NOT NULL,
    cause text NOT NULL,
    event text NOT NULL,
    impact text NOT NULL,
    links jsonb NOT NULL,
    probability text NOT NULL,
    severity text NOT NULL,
    controls text[] NOT NULL,
    residual_probability text NOT NULL,
    residual_severity text NOT NULL,
    owner text NOT NULL,
    review_date date NOT NULL,
    status text NOT NULL,
    provenance jsonb,${RECORD},${marking('risks')},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK}
  )`,
  'CREATE INDEX red_lines_nation ON red_lines (scenario_id, nation)',
  'CREATE INDEX red_lines_rung ON red_lines (scenario_id, rung)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
