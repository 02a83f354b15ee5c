/// Every schema change of the PostgreSQL store, in order (never edit a shipped migration: add a
/// new one). Applied names are kept in `hookflow_migration`; a name this build does not know
/// means a newer Hookflow migrated the database (``StoreError/newerDatabase(database:unknownMigrations:)``).
///
/// The first migration is the SQLite store's schema after its v9, in PostgreSQL's types: times
/// are `double precision` seconds since 1970 as in SQLite (the Recurrence guard compares them
/// exactly), packed columns (``PackedText``) `bytea` holding either the UTF-8 text or the packed
/// blob, plus what several nodes need: lease owner and generation on claimed work.
enum PostgresSchema {
    struct Migration: Sendable {
        let identifier: String
        let sql: [String]
    }

    /// Held (transaction-scoped) while migrating: nodes starting together migrate one at a time.
    static let migrationLock: Int64 = 0x686F_6F6B_666C_6F77  // "hookflow"

    static let migrations: [Migration] = [
        Migration(identifier: "v1: the SQLite schema of v9, leases and fencing for several nodes", sql: [
            """
            CREATE TABLE workflow (
                name text PRIMARY KEY,
                state text NOT NULL,
                version bigint NOT NULL,
                definition bytea NOT NULL,
                kind text,
                access_key bytea NOT NULL,
                access_key_version bigint NOT NULL,
                created_at double precision NOT NULL,
                changed_at double precision NOT NULL
            )
            """,
            """
            CREATE TABLE workflow_version (
                workflow_name text NOT NULL,
                version bigint NOT NULL,
                definition bytea NOT NULL,
                saved_at double precision NOT NULL,
                PRIMARY KEY (workflow_name, version)
            )
            """,
            """
            CREATE TABLE subscription (
                id text PRIMARY KEY,
                seq bigserial NOT NULL,
                workflow_name text NOT NULL,
                trigger_name text NOT NULL,
                workflow_version bigint NOT NULL,
                status text NOT NULL,
                fingerprint text NOT NULL,
                callback_url text NOT NULL,
                unsubscribe_request bytea,
                may_exist_remotely boolean NOT NULL,
                last_error bytea,
                attempts bigint NOT NULL,
                next_attempt_at double precision,
                created_at double precision NOT NULL,
                updated_at double precision NOT NULL
            )
            """,
            "CREATE INDEX subscription_by_workflow ON subscription (workflow_name, created_at)",
            "CREATE INDEX subscription_due ON subscription (status, next_attempt_at)",
            """
            CREATE TABLE outbox (
                id bigserial PRIMARY KEY,
                kind text NOT NULL,
                subscription_id text NOT NULL,
                workflow_name text NOT NULL,
                operation_name text NOT NULL,
                request bytea NOT NULL,
                attempts bigint NOT NULL,
                next_attempt_at double precision NOT NULL,
                lease_until double precision,
                lease_owner text,
                lease_generation bigint NOT NULL DEFAULT 0,
                last_error bytea,
                created_at double precision NOT NULL
            )
            """,
            "CREATE INDEX outbox_due ON outbox (next_attempt_at)",
            "CREATE INDEX outbox_by_subscription ON outbox (subscription_id)",
            """
            CREATE TABLE run (
                seq bigserial PRIMARY KEY,
                id text NOT NULL UNIQUE,
                workflow_name text NOT NULL,
                workflow_version bigint NOT NULL,
                trigger_name text NOT NULL,
                status text NOT NULL,
                start_time double precision NOT NULL,
                end_time double precision,
                trigger_outputs bytea NOT NULL,
                sealed_trigger_outputs bytea,
                error bytea,
                recoveries bigint NOT NULL DEFAULT 0,
                variables bytea,
                lease_until double precision,
                lease_owner text,
                lease_generation bigint NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX run_by_workflow ON run (workflow_name, seq)",
            "CREATE INDEX run_by_status ON run (workflow_name, status, seq)",
            "CREATE INDEX run_to_resume ON run (seq) WHERE status = 'Running'",
            "CREATE INDEX run_open_by_start ON run (start_time) WHERE status IN ('Running', 'Waiting')",
            // repetition: the loop iteration an action ran in ('' outside loops; see StoredAction).
            """
            CREATE TABLE action (
                seq bigserial NOT NULL,
                run_id text NOT NULL,
                name text NOT NULL,
                repetition text NOT NULL DEFAULT '',
                type text NOT NULL,
                status text NOT NULL,
                code text,
                start_time double precision NOT NULL,
                end_time double precision,
                inputs bytea,
                outputs bytea,
                sealed_outputs bytea,
                error bytea,
                subscription_id text,
                unsubscribe_request bytea,
                callback_base text,
                PRIMARY KEY (run_id, name, repetition)
            )
            """,
            "CREATE INDEX action_waiting_by_base ON action (callback_base) WHERE status = 'Waiting' AND callback_base IS NOT NULL",
            """
            CREATE TABLE timer (
                id bigserial PRIMARY KEY,
                kind text NOT NULL,
                workflow_name text NOT NULL,
                run_id text NOT NULL,
                action_name text,
                due_at double precision NOT NULL,
                lease_until double precision,
                lease_owner text,
                lease_generation bigint NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX timer_due ON timer (due_at)",
            "CREATE INDEX timer_by_run ON timer (run_id)",
            """
            CREATE TABLE recurrence (
                workflow_name text NOT NULL,
                trigger_name text NOT NULL,
                fingerprint text NOT NULL,
                anchor_at double precision NOT NULL,
                next_at double precision NOT NULL,
                PRIMARY KEY (workflow_name, trigger_name)
            )
            """,
            "CREATE INDEX recurrence_due ON recurrence (next_at)",
            // A value sealed with the nodes' key: a node with another sealing-key file is refused at
            // start instead of failing on the first sealed value it reads.
            "CREATE TABLE sealing_check (id integer PRIMARY KEY CHECK (id = 1), sealed bytea NOT NULL)",
        ]),
        // The SQLite store's v11: what a workflow file held beside its definition, sealed.
        Migration(identifier: "v2: what a workflow file held beside its definition", sql: [
            "ALTER TABLE workflow ADD COLUMN properties bytea",
        ]),
        // Subscribe retries and Recurrence ticks are claimed like outbox entries and timers: one
        // node at a time makes the call or starts the tick's run.
        Migration(identifier: "v3: leases on subscribe retries and Recurrence ticks", sql: [
            "ALTER TABLE subscription ADD COLUMN lease_until double precision, ADD COLUMN lease_owner text, ADD COLUMN lease_generation bigint NOT NULL DEFAULT 0",
            "ALTER TABLE recurrence ADD COLUMN lease_until double precision, ADD COLUMN lease_owner text, ADD COLUMN lease_generation bigint NOT NULL DEFAULT 0",
        ]),
        // Which node makes a running action's outside effect, and which nodes are alive: a node
        // that loads a run does not make again a call a live node is making, and the calls of a
        // node that stopped are adopted by one other node.
        Migration(identifier: "v4: effects in flight by node, and the nodes' heartbeats", sql: [
            "ALTER TABLE action ADD COLUMN effect_owner text",
            "CREATE INDEX action_effect_owner ON action (effect_owner) WHERE status = 'Running' AND effect_owner IS NOT NULL",
            "CREATE TABLE node (id text PRIMARY KEY, alive_until double precision NOT NULL)",
        ]),
    ]

    /// The NOTIFY channel: payloads `apps` (an app was saved, toggled, deleted or had its key
    /// regenerated) and `work` (runs, timers or outbox entries were written).
    static let channel = "hookflow_changes"
}
