// Deployment planning: the transport network (nodes and arcs), the force list (one row per ULN),
// movement records (what actually moved), and the scenario's deployment settings (one nullable
// jsonb column on the scenario, read and written whole like the assumptions). Foreign keys keep a
// node from going while an arc or ULN names it, an arc while a movement names it, a ULN while a
// movement names it. Written out literally: a shipped migration must not change when the code does.
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
const node = (column: string) =>
  `FOREIGN KEY (scenario_id, "${column}") REFERENCES network_nodes (scenario_id, id)`;

const STATEMENTS = [
  'ALTER TABLE scenarios ADD COLUMN deployment jsonb',
  `CREATE TABLE network_nodes (
    scenario_id text NOT NULL,
    id text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    nation text NOT NULL,
    lat double precision NOT NULL,
    lon double precision NOT NULL,
    reception_personnel double precision,
    reception_tonnes double precision,
    provenance jsonb,${RECORD},${marking('network_nodes')},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK},
    CHECK ((reception_personnel IS NULL) = (reception_tonnes IS NULL))
  )`,
  `CREATE TABLE network_arcs (
    scenario_id text NOT NULL,
    id text NOT NULL,
    "from" text NOT NULL,
    "to" text NOT NULL,
    mode text NOT NULL,
    transit_days integer NOT NULL CHECK (transit_days >= 1),
    capacity_personnel double precision NOT NULL,
    capacity_tonnes double precision NOT NULL,
    load_personnel double precision NOT NULL,
    load_tonnes double precision NOT NULL,
    whole_unit boolean,
    closures jsonb NOT NULL DEFAULT '[]',
    provenance jsonb,${RECORD},${marking('network_arcs')},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK},
    ${node('from')},
    ${node('to')}
  )`,
  `CREATE TABLE ulns (
    scenario_id text NOT NULL,
    uln text NOT NULL,
    nation text NOT NULL,
    capability text NOT NULL,
    personnel double precision NOT NULL,
    tonnes double precision NOT NULL,
    origin text NOT NULL,
    ald integer NOT NULL,
    ead integer NOT NULL,
    lad integer NOT NULL,
    rdd integer NOT NULL,
    destination text NOT NULL,
    priority integer NOT NULL,
    offer text NOT NULL,
    line text NOT NULL,${RECORD},${marking('ulns')},
    PRIMARY KEY (scenario_id, uln),
    ${SCENARIO_FK},
    FOREIGN KEY (scenario_id, nation) REFERENCES nations (scenario_id, id),
    FOREIGN KEY (scenario_id, capability) REFERENCES capabilities (scenario_id, code),
    ${node('origin')},
    ${node('destination')}
  )`,
  `CREATE TABLE movements (
    scenario_id text NOT NULL,
    id text NOT NULL,
    uln text NOT NULL,
    nation text NOT NULL,
    arc text NOT NULL,
    depart_day integer NOT NULL,
    arrive_day integer,
    personnel double precision NOT NULL,
    tonnes double precision NOT NULL,
    note text,
    provenance jsonb,${RECORD},${marking('movements')},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK},
    FOREIGN KEY (scenario_id, uln) REFERENCES ulns (scenario_id, uln),
    FOREIGN KEY (scenario_id, arc) REFERENCES network_arcs (scenario_id, id)
  )`,
  'CREATE INDEX network_arcs_from ON network_arcs (scenario_id, "from")',
  'CREATE INDEX network_arcs_to ON network_arcs (scenario_id, "to")',
  'CREATE INDEX ulns_nation ON ulns (scenario_id, nation)',
  'CREATE INDEX ulns_origin ON ulns (scenario_id, origin)',
  'CREATE INDEX ulns_destination ON ulns (scenario_id, destination)',
  'CREATE INDEX movements_uln ON movements (scenario_id, uln)',
  'CREATE INDEX movements_arc ON movements (scenario_id, arc)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
