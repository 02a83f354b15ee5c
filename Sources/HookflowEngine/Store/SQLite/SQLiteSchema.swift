import GRDB

/// Every schema change of the SQLite store, as `DatabaseMigrator` migrations (never edit a
/// shipped migration: add a new one).
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: workflows, versions, subscriptions, outbox, runs") { db in
            try db.execute(sql: """
                CREATE TABLE workflow (
                    name TEXT PRIMARY KEY NOT NULL,
                    state TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    definition TEXT NOT NULL,
                    kind TEXT,
                    access_key BLOB NOT NULL,
                    access_key_version INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    changed_at REAL NOT NULL
                );
                CREATE TABLE workflow_version (
                    workflow_name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    definition TEXT NOT NULL,
                    saved_at REAL NOT NULL,
                    PRIMARY KEY (workflow_name, version)
                );
                CREATE TABLE subscription (
                    id TEXT PRIMARY KEY NOT NULL,
                    workflow_name TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    workflow_version INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    callback_url TEXT NOT NULL,
                    unsubscribe_request TEXT,
                    may_exist_remotely INTEGER NOT NULL,
                    last_error TEXT,
                    attempts INTEGER NOT NULL,
                    next_attempt_at REAL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX subscription_by_workflow ON subscription (workflow_name, created_at);
                CREATE INDEX subscription_due ON subscription (status, next_attempt_at);
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    subscription_id TEXT NOT NULL,
                    workflow_name TEXT NOT NULL,
                    operation_name TEXT NOT NULL,
                    request TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    next_attempt_at REAL NOT NULL,
                    lease_until REAL,
                    last_error TEXT,
                    created_at REAL NOT NULL
                );
                CREATE INDEX outbox_due ON outbox (next_attempt_at);
                CREATE TABLE run (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    workflow_name TEXT NOT NULL,
                    workflow_version INTEGER NOT NULL,
                    trigger_name TEXT NOT NULL,
                    status TEXT NOT NULL,
                    start_time REAL NOT NULL,
                    end_time REAL,
                    trigger_outputs TEXT NOT NULL
                );
                CREATE INDEX run_by_workflow ON run (workflow_name, seq);
                CREATE INDEX run_by_status ON run (workflow_name, status, seq);
                """)
        }
        migrator.registerMigration("v2: actions, timers, run errors") { db in
            try db.execute(sql: """
                ALTER TABLE run ADD COLUMN error TEXT;
                CREATE INDEX run_to_resume ON run (status) WHERE status = 'Running';
                CREATE TABLE action (
                    run_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    code TEXT,
                    start_time REAL NOT NULL,
                    end_time REAL,
                    inputs TEXT,
                    outputs TEXT,
                    error TEXT,
                    subscription_id TEXT,
                    unsubscribe_request TEXT,
                    PRIMARY KEY (run_id, name)
                );
                CREATE TABLE timer (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    workflow_name TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    action_name TEXT,
                    due_at REAL NOT NULL
                );
                CREATE INDEX timer_due ON timer (due_at);
                CREATE INDEX timer_by_run ON timer (run_id);
                """)
        }
        migrator.registerMigration("v3: run recoveries (crash-loop guard)") { db in
            // How many times the engine stopped while this run had work in it (see Engine+Recovery).
            try db.execute(sql: "ALTER TABLE run ADD COLUMN recoveries INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v4: sealed outputs (secrets kept out of run history)") { db in
            // The real value of outputs whose history column holds them masked, sealed (SecretSealer).
            try db.execute(sql: """
                ALTER TABLE action ADD COLUMN sealed_outputs TEXT;
                ALTER TABLE run ADD COLUMN sealed_trigger_outputs TEXT;
                """)
        }
        migrator.registerMigration("v5: the run duration limit swept from start times") { db in
            // Open runs by start time: the sweep and the next due time read this, not a timer per run.
            try db.execute(sql: "CREATE INDEX run_open_by_start ON run (start_time) WHERE status IN ('Running', 'Waiting')")
        }
        migrator.registerMigration("v6: Subscribing, callback bases of waiting actions") { db in
            // `Pending` became `Subscribing` (the API reads both). A waiting webhook action keeps
            // the base URL its callback URL was made on, so a new base re-subscribes exactly the
            // actions still on an old one (two range scans of this index, empty when none).
            try db.execute(sql: """
                UPDATE subscription SET status = 'Subscribing' WHERE status = 'Pending';
                ALTER TABLE action ADD COLUMN callback_base TEXT;
                CREATE INDEX action_waiting_by_base ON action (callback_base) WHERE status = 'Waiting' AND callback_base IS NOT NULL;
                """)
        }
        migrator.registerMigration("v7: packed text columns (deflated, sealed as binary, an unsubscribe recorded once)") { _ in
            // The tables do not change: from here on a text or JSON column may hold a PackedText
            // blob (new rows; older rows keep their text and read as before, so opening a large
            // file costs no rewrite). Recorded so that an older Hookflow, which would take those
            // blobs for damage, refuses the file as one from a newer version instead.
        }
        migrator.registerMigration("v8: Recurrence trigger ticks") { db in
            // One row per Recurrence trigger of an enabled app: its next tick, replaced in the
            // commit that starts the tick's run.
            try db.execute(sql: """
                CREATE TABLE recurrence (
                    workflow_name TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    anchor_at REAL NOT NULL,
                    next_at REAL NOT NULL,
                    PRIMARY KEY (workflow_name, trigger_name)
                ) WITHOUT ROWID;
                CREATE INDEX recurrence_due ON recurrence (next_at);
                """)
        }
        migrator.registerMigration("v9: run variables") { db in
            // The variables a run's variable actions set (RunVariables.json, sealed: a value may
            // hold a secret); NULL while the run has none.
            try db.execute(sql: "ALTER TABLE run ADD COLUMN variables BLOB")
        }
        migrator.registerMigration("v10: one action record per loop repetition") { db in
            // A Foreach or Until runs the actions inside it once per iteration: the key of an
            // action record becomes (run, name, repetition), '' outside loops. SQLite cannot change
            // a primary key in place, so the table is copied once.
            try db.execute(sql: """
                CREATE TABLE action_v10 (
                    run_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    repetition TEXT NOT NULL DEFAULT '',
                    type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    code TEXT,
                    start_time REAL NOT NULL,
                    end_time REAL,
                    inputs TEXT,
                    outputs TEXT,
                    error TEXT,
                    subscription_id TEXT,
                    unsubscribe_request TEXT,
                    sealed_outputs TEXT,
                    callback_base TEXT,
                    PRIMARY KEY (run_id, name, repetition)
                );
                INSERT INTO action_v10 (run_id, name, type, status, code, start_time, end_time, inputs, outputs, error,
                                        subscription_id, unsubscribe_request, sealed_outputs, callback_base)
                    SELECT run_id, name, type, status, code, start_time, end_time, inputs, outputs, error,
                           subscription_id, unsubscribe_request, sealed_outputs, callback_base FROM action;
                DROP TABLE action;
                ALTER TABLE action_v10 RENAME TO action;
                CREATE INDEX action_waiting_by_base ON action (callback_base) WHERE status = 'Waiting' AND callback_base IS NOT NULL;
                """)
        }
        migrator.registerMigration("v11: what a workflow file held beside its definition") { db in
            // A workflow.json's other keys or an ARM resource's other properties (`parameters`
            // with `$connections`, …), sealed like the definition (they may hold keys): export
            // gives back what was published. NULL when the file held nothing else.
            try db.execute(sql: "ALTER TABLE workflow ADD COLUMN properties TEXT")
        }
        return migrator
    }
}
