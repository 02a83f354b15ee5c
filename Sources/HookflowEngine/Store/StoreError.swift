/// The data store could not do what was asked: the file holds something this version of Hookflow
/// cannot use, was written by a newer one, its sealing key does not fit, or it is closing.
/// Each case says which file, where in it, and what to do; none is a crash.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// A write committed but its result went missing on the way back: a fault of the engine, not of the file.
    case lostWriteResult
    /// A row holds a value of the wrong type, an invalid one, or one this version does not know.
    case damaged(StoreDamage)
    /// The file's schema has changes this version does not know (a newer Hookflow migrated it).
    /// Refused before anything was written to it.
    case newerVersion(file: String, unknownMigrations: [String])
    /// The file is not an SQLite database, or SQLite found its structure broken.
    case unreadableFile(file: String, reason: String)
    /// The sealing key is missing, unreadable or not the one the sealed values were made with.
    case sealing(String)
    /// The store was closed (the engine is stopping): nothing more is written.
    case closed
    /// The PostgreSQL database's schema has changes this version does not know (a newer Hookflow
    /// migrated it). Refused before anything was written to it.
    case newerDatabase(database: String, unknownMigrations: [String])
    /// The PostgreSQL server could not be reached, refused the login, or has no such database.
    case databaseUnavailable(database: String, reason: String)

    public var description: String {
        switch self {
        case .closed: "the data store is closed: the engine is stopping"
        case .lostWriteResult: "a write was committed but its result did not reach its caller (an engine fault; the data file is fine); try again"
        case .damaged(let damage): damage.description
        case .newerVersion(let file, let unknown):
            "the data file \(file) was written by a newer version of Hookflow (its schema has changes this version does not know: "
                + unknown.map { "\"\($0)\"" }.joined(separator: ", ")
                + "); use that newer version with this data folder. Nothing in the file was changed."
        case .unreadableFile(let file, let reason):
            "the data file \(file) is damaged or not a Hookflow data file (\(reason)); stop Hookflow and restore it from a backup, "
                + "or move it away to start an empty data folder"
        case .sealing(let what): "the data folder's sealing key: \(what)"
        case .newerDatabase(let database, let unknown):
            "the database \(database) was migrated by a newer version of Hookflow (its schema has changes this version does not know: "
                + unknown.map { "\"\($0)\"" }.joined(separator: ", ")
                + "); run that newer version on every node. Nothing in the database was changed."
        case .databaseUnavailable(let database, let reason):
            "cannot use the database \(database): \(reason); check --database (or $HOOKFLOW_DATABASE_URL): its host, port, user, password and database name, and that the server runs"
        }
    }
}

/// Where the data file holds a value this version of Hookflow cannot use: the file, table,
/// column and row, what is there, and what to do.
///
/// ```
/// the data file /home/me/hf/hookflow.sqlite is damaged: table run, column start_time, row id "run-1"
/// holds the text "yesterday" where a time (seconds since 1970) belongs; stop Hookflow and restore
/// the file from a backup
/// ```
public struct StoreDamage: Sendable, Equatable, CustomStringConvertible {
    /// The database file (nil when the value was found after it was read, away from the store).
    public var file: String?
    public var table: String
    public var column: String
    /// The row's key as written in the message (`id "run-1"`, `run_id "run-1", name "Approve"`).
    public var row: String
    /// What the column holds and why it cannot be used (`holds the text "x" where a time belongs`).
    public var problem: String
    /// The value is well-formed but unknown here (a status, a kind): a newer Hookflow may have written it.
    public var mayBeNewer: Bool

    public init(file: String?, table: String, column: String, row: String, problem: String, mayBeNewer: Bool = false) {
        self.file = file
        self.table = table
        self.column = column
        self.row = row
        self.problem = problem
        self.mayBeNewer = mayBeNewer
    }

    public var description: String {
        let place = "table \(table), column \(column), row \(row)"
        // A PostgreSQL store names its database (its URL, without the password), not a file.
        let noun = file?.hasPrefix("postgres") == true ? "database" : "file"
        let file = file.map { noun == "database" ? "the database \($0)" : "the data file \($0)" } ?? "the data file"
        if mayBeNewer {
            return "\(file) holds a value this version of Hookflow does not know: \(place) \(problem); "
                + "if a newer Hookflow wrote it, use that version; otherwise the \(noun) is damaged: stop Hookflow and restore it from a backup"
        }
        return "\(file) is damaged: \(place) \(problem); stop Hookflow and restore the \(noun) from a backup"
    }
}
