// The access model: users, their sign-in sessions and failed sign-ins, a releasability marking on
// every record, and the nation an audit entry concerns. Values are written out literally rather
// than taken from the domain's constants: a shipped migration must not change when the code does.
import { sql, type Kysely } from 'kysely';

const RECORD_TABLES = [
  'nations',
  'stances',
  'capabilities',
  'requirements',
  'offers',
  'pledges',
  'rotation_policies',
];

// NULL is an unmarked record, which reads as PUBLIC; an explicit PUBLIC is kept apart so that a
// document round-trips exactly. rel_to lists the nations of a REL_TO marking and only those.
const marking = (table: string) =>
  `ALTER TABLE ${table}
    ADD COLUMN releasability text
      CONSTRAINT ${table}_releasability_level CHECK (releasability IN ('PUBLIC', 'COALITION', 'REL_TO')),
    ADD COLUMN rel_to text[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT ${table}_rel_to CHECK ((releasability IS NOT DISTINCT FROM 'REL_TO') = (cardinality(rel_to) > 0))`;

const STATEMENTS = [
  ...RECORD_TABLES.map(marking),
  `CREATE TABLE users (
    id text PRIMARY KEY CONSTRAINT users_id_format CHECK (id ~ '^[A-Za-z0-9._@-]{1,64}$'),
    display_name text NOT NULL,
    role text NOT NULL
      CONSTRAINT users_role CHECK (role IN ('administrator', 'planner', 'liaison', 'observer')),
    nation text,
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    must_change_password boolean NOT NULL DEFAULT false,
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_liaison_nation CHECK (role <> 'liaison' OR nation IS NOT NULL)
  )`,
  // Only a hash of the session token is stored: a copy of the database signs nobody in.
  `CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  'CREATE INDEX sessions_user ON sessions (user_id)',
  'CREATE INDEX sessions_expires ON sessions (expires_at)',
  // In the database rather than in memory so that every API process sees the same count.
  `CREATE TABLE login_failures (
    key text NOT NULL,
    at timestamptz NOT NULL
  )`,
  'CREATE INDEX login_failures_key ON login_failures (key, at)',
  // Pruning old failures goes by time alone.
  'CREATE INDEX login_failures_at ON login_failures (at)',
  // Changes to users belong to no scenario.
  'ALTER TABLE audit_log ALTER COLUMN scenario_id DROP NOT NULL',
  'ALTER TABLE audit_log ADD COLUMN nation text',
  'CREATE INDEX audit_log_nation ON audit_log (nation, id)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
