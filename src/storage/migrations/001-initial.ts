// The first schema: one table per record kind, keyed by (scenario_id, key) and cascading from the
// scenario, plus the append-only audit log and installation settings. PostgreSQL only — PGlite is
// PostgreSQL — so the DDL is written as SQL rather than through a portable builder.
import { sql, type Kysely } from 'kysely';

// Bookkeeping every record row carries; `ord` keeps export in document order.
const RECORD = `
  ord integer NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

const SCENARIO_FK = 'FOREIGN KEY (scenario_id) REFERENCES scenarios (id) ON DELETE CASCADE';
// Plain (NO ACTION) references are checked at the end of the statement, so deleting a scenario
// still cascades through them; deleting a referenced nation or capability alone is refused.
const NATION_FK = 'FOREIGN KEY (scenario_id, nation) REFERENCES nations (scenario_id, id)';
const CAPABILITY_FK = 'FOREIGN KEY (scenario_id, capability) REFERENCES capabilities (scenario_id, code)';

// Counts and figures without an upper bound in the schema are double precision: an integer
// column would refuse a value the document schema accepts, and double keeps every JSON number.
const STATEMENTS = [
  `CREATE TABLE scenarios (
    id text PRIMARY KEY,
    name text NOT NULL,
    description text,
    as_of date NOT NULL,
    mission jsonb NOT NULL,
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE nations (
    scenario_id text NOT NULL,
    id text NOT NULL,
    name text NOT NULL,
    nato boolean NOT NULL,
    eu boolean NOT NULL,
    gdp_value double precision NOT NULL,
    gdp_year integer NOT NULL,
    gdp_currency text NOT NULL,
    gdp_provenance jsonb,
    population_value double precision NOT NULL,
    population_year integer NOT NULL,
    population_provenance jsonb,
    currency text NOT NULL,
    role text NOT NULL,
    notes text,
    provenance jsonb,${RECORD},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK}
  )`,
  `CREATE TABLE stances (
    scenario_id text NOT NULL,
    id text NOT NULL,
    nation text NOT NULL,
    date date NOT NULL,
    stance text NOT NULL,
    statement text NOT NULL,
    provenance jsonb,${RECORD},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK},
    ${NATION_FK} ON DELETE CASCADE
  )`,
  `CREATE TABLE capabilities (
    scenario_id text NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    domain text NOT NULL,
    default_personnel double precision NOT NULL,
    default_tonnes double precision NOT NULL,
    app6 text NOT NULL,
    description text,
    provenance jsonb,${RECORD},
    PRIMARY KEY (scenario_id, code),
    ${SCENARIO_FK}
  )`,
  `CREATE TABLE requirements (
    scenario_id text NOT NULL,
    id text NOT NULL,
    capability text NOT NULL,
    quantity double precision NOT NULL,
    personnel_per_unit double precision,
    sector text NOT NULL,
    task text NOT NULL,
    rdd_c_day integer NOT NULL,
    duration_months double precision NOT NULL,
    priority integer NOT NULL,
    description text,
    provenance jsonb,${RECORD},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK},
    ${CAPABILITY_FK}
  )`,
  `CREATE TABLE offers (
    scenario_id text NOT NULL,
    id text NOT NULL,
    nation text NOT NULL,
    capability text NOT NULL,
    quantity double precision NOT NULL,
    personnel double precision NOT NULL,
    tonnes double precision NOT NULL,
    readiness_level text NOT NULL,
    days_to_ready double precision NOT NULL,
    status text NOT NULL,
    excluded_sectors text[] NOT NULL DEFAULT '{}',
    allowed_tasks text[] NOT NULL DEFAULT '{}',
    max_duration_months double precision,
    requires_us_backstop boolean NOT NULL DEFAULT false,
    caveat_notes text,
    valid_until date,
    provenance jsonb,${RECORD},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK},
    ${NATION_FK},
    ${CAPABILITY_FK}
  )`,
  `CREATE TABLE pledges (
    scenario_id text NOT NULL,
    id text NOT NULL,
    nation text NOT NULL,
    amount double precision NOT NULL,
    currency text NOT NULL,
    date date NOT NULL,
    purpose text NOT NULL,
    stage text NOT NULL,
    description text,
    provenance jsonb,${RECORD},
    PRIMARY KEY (scenario_id, id),
    ${SCENARIO_FK},
    ${NATION_FK}
  )`,
  `CREATE TABLE rotation_policies (
    scenario_id text NOT NULL,
    nation text NOT NULL,
    tour_months double precision NOT NULL,
    dwell_ratio double precision NOT NULL,
    provenance jsonb,${RECORD},
    PRIMARY KEY (scenario_id, nation),
    ${SCENARIO_FK},
    ${NATION_FK}
  )`,
  // Lookups by nation and capability back the reference checks on delete and the nation filter.
  'CREATE INDEX stances_nation ON stances (scenario_id, nation)',
  'CREATE INDEX requirements_capability ON requirements (scenario_id, capability)',
  'CREATE INDEX offers_nation ON offers (scenario_id, nation)',
  'CREATE INDEX offers_capability ON offers (scenario_id, capability)',
  'CREATE INDEX pledges_nation ON pledges (scenario_id, nation)',
  // No foreign key to scenarios: the log outlives what it describes.
  `CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL CHECK (actor <> ''),
    scenario_id text NOT NULL,
    entity text NOT NULL,
    entity_key text NOT NULL,
    action text NOT NULL,
    before jsonb,
    after jsonb
  )`,
  'CREATE INDEX audit_log_scenario ON audit_log (scenario_id, id)',
  `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$`,
  `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
  `CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per call: PGlite's query API takes a single statement.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
