import Foundation
import GRDB
import HookflowModel
import NIOCore
import PostgresNIO

/// Rows read back from PostgreSQL, decoded by the same throwing helpers as the SQLite file's
/// (``StoredRow``): each cell becomes the value SQLite would have held (text, a whole number, a
/// number, a blob), so a damaged or newer value is the same clear ``StoreError/damaged(_:)``,
/// naming the database, table, column and row.
extension PostgresStore {
    /// Columns that hold ``PackedText``: `bytea` with either the UTF-8 text or the packed blob
    /// (whose first byte, below a tab, says its form).
    static let packedColumns: Set<String> = [
        "definition", "unsubscribe_request", "last_error", "request", "inputs", "outputs", "sealed_outputs", "error",
        "trigger_outputs", "sealed_trigger_outputs", "variables", "sealed", "properties",
    ]

    /// A row of `table` read back, named in errors by its `key` columns.
    func stored(_ row: PostgresRow, _ table: String, key: String...) throws -> StoredRow {
        try stored(row, table, key: key)
    }

    func stored(_ row: PostgresRow, _ table: String, key: [String]) throws -> StoredRow {
        var values: [String: DatabaseValue] = [:]
        for cell in row {
            values[cell.columnName] = Self.databaseValue(cell)
        }
        return StoredRow(Row(values), file: place, table: table, key: key)
    }

    /// The value SQLite would have held for this cell.
    static func databaseValue(_ cell: PostgresCell) -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8:
            return (try? cell.decode(Int64.self)).map { $0.databaseValue } ?? .null
        case .float4, .float8, .numeric:
            return (try? cell.decode(Double.self)).map { $0.databaseValue } ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map { Int64($0 ? 1 : 0).databaseValue } ?? .null
        case .bytea:
            guard let buffer = try? cell.decode(ByteBuffer.self) else { return .null }
            let bytes = Data(buffer.readableBytesView)
            guard packedColumns.contains(cell.columnName) else { return bytes.databaseValue }
            if let first = bytes.first, first < 0x09 { return bytes.databaseValue }
            guard let text = String(validating: bytes, as: UTF8.self) else { return bytes.databaseValue }
            return text.databaseValue
        default:
            return (try? cell.decode(String.self)).map { $0.databaseValue } ?? .null
        }
    }

    /// A packed column's value as `bytea`: the text's UTF-8, or the blob.
    static func buffer(_ value: DatabaseValue) -> ByteBuffer {
        switch value.storage {
        case .string(let text): ByteBuffer(string: text)
        case .blob(let data): ByteBuffer(bytes: data)
        case .null, .int64, .double: ByteBuffer(string: value.description)
        }
    }

    func action(_ row: PostgresRow) throws -> StoredAction {
        let row = try stored(row, "action", key: "run_id", "name", "repetition")
        let sealed = try row.optionalOpened("sealed_outputs", with: sealer)
        let history = try row.json("outputs")
        let inputs = try row.json("inputs")
        var action = StoredAction(
            runID: try row.value("run_id"), name: try row.value("name"), repetition: try row.value("repetition"), type: try row.value("type"), status: try row.known("status"),
            code: try row.value("code"), startTime: try row.date("start_time"), endTime: try row.optionalDate("end_time"),
            inputs: inputs, outputs: try sealed.map { try row.json("sealed_outputs", parsing: $0) } ?? history,
            maskedOutputs: sealed == nil ? Optional<JSONValue>.none : history, error: try row.json("error"),
            subscriptionID: try row.value("subscription_id"),
            unsubscribeRequest: try row.optionalRequest("unsubscribe_request", sealer: sealer, recorded: { inputs?["unsubscribe"] }),
            callbackBase: try row.value("callback_base"))
        // Only the reads that join the nodes' heartbeats have it (``PostgresStore/actionColumns``).
        action.effectElsewhere = try row.value("effect_elsewhere", as: Bool?.self) ?? false
        return action
    }

    func timer(_ row: PostgresRow) throws -> StoredTimer {
        let row = try stored(row, "timer", key: "id")
        return StoredTimer(id: try row.value("id"), kind: try row.known("kind"), workflowName: try row.value("workflow_name"),
                           runID: try row.value("run_id"), actionName: try row.value("action_name"), dueAt: try row.date("due_at"))
    }

    func recurrence(_ row: PostgresRow) throws -> StoredRecurrence {
        let row = try stored(row, "recurrence", key: "trigger_name")
        return StoredRecurrence(workflowName: try row.value("workflow_name"), triggerName: try row.value("trigger_name"),
                                fingerprint: try row.value("fingerprint"), anchor: try row.date("anchor_at"), nextAt: try row.date("next_at"))
    }

    func workflow(_ row: PostgresRow) throws -> StoredWorkflow {
        let row = try stored(row, "workflow", key: "name")
        return StoredWorkflow(
            name: try row.value("name"), state: try row.known("state"), version: try row.count("version"),
            definitionText: try row.opened("definition", with: sealer), kind: try row.value("kind"), accessKey: try row.value("access_key"),
            accessKeyVersion: try row.count("access_key_version"), createdAt: try row.date("created_at"), changedAt: try row.date("changed_at"),
            propertiesText: try row.optionalOpened("properties", with: sealer))
    }

    func subscription(_ row: PostgresRow) throws -> StoredSubscription {
        let row = try stored(row, "subscription", key: "id")
        return StoredSubscription(
            id: try row.value("id"), workflowName: try row.value("workflow_name"), triggerName: try row.value("trigger_name"),
            workflowVersion: try row.count("workflow_version"), status: try row.known("status"), fingerprint: try row.value("fingerprint"),
            callbackURL: try row.value("callback_url"), unsubscribeRequest: try row.optionalRequest("unsubscribe_request", sealer: sealer),
            mayExistRemotely: try row.value("may_exist_remotely"), lastError: try row.subscriptionError("last_error"),
            attempts: try row.count("attempts"), nextAttemptAt: try row.optionalDate("next_attempt_at"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    func outboxEntry(_ row: PostgresRow) throws -> OutboxEntry {
        let row = try stored(row, "outbox", key: "id")
        return OutboxEntry(
            id: try row.value("id"), kind: try row.known("kind"), subscriptionID: try row.value("subscription_id"),
            workflowName: try row.value("workflow_name"), operationName: try row.value("operation_name"),
            request: try row.request("request", sealer: sealer), attempts: try row.count("attempts"),
            nextAttemptAt: try row.date("next_attempt_at"), leaseUntil: try row.optionalDate("lease_until"),
            // A claim's generation only while a node holds the entry (what its outcome is fenced by).
            leaseGeneration: try row.value("lease_owner", as: String?.self) == nil ? nil : try row.value("lease_generation", as: Int64.self),
            lastError: try row.subscriptionError("last_error"), createdAt: try row.date("created_at"))
    }

    func run(_ row: PostgresRow) throws -> StoredRun {
        let row = try stored(row, "run", key: "id")
        let sealed = try row.optionalOpened("sealed_trigger_outputs", with: sealer)
        let history = try row.requiredJSON("trigger_outputs")
        return StoredRun(
            id: try row.value("id"), workflowName: try row.value("workflow_name"), workflowVersion: try row.count("workflow_version"),
            triggerName: try row.value("trigger_name"), status: try row.known("status"), startTime: try row.date("start_time"),
            endTime: try row.optionalDate("end_time"), triggerOutputs: try sealed.map { try row.json("sealed_trigger_outputs", parsing: $0) } ?? history,
            maskedTriggerOutputs: sealed == nil ? Optional<JSONValue>.none : history, error: try row.json("error"),
            sequence: try row.value("seq"), recoveries: try row.count("recoveries"), variables: try row.variables("variables", sealer: sealer))
    }

    // MARK: Writing values as the SQLite store does

    func compact(_ value: JSONValue) -> String { JSONWriter.compact.string(from: value) }

    func packed(_ value: JSONValue) -> DatabaseValue { PackedText.clear(compact(value)) }

    func sealed(_ value: JSONValue) throws -> DatabaseValue { try PackedText.sealed(compact(value), with: sealer) }

    func sealedRequest(_ request: OutboundRequest) throws -> DatabaseValue { try sealed(request.json) }

    func unsubscribeColumn(_ action: StoredAction) throws -> DatabaseValue? {
        guard let request = action.unsubscribeRequest else { return nil }
        let text = compact(request.json)
        if let shown = action.inputs?["unsubscribe"], compact(shown) == text { return PackedText.asRecorded }
        return try PackedText.sealed(text, with: sealer)
    }

    func encode(_ error: SubscriptionError) -> String {
        var object: JSONObject = ["message": .string(error.message)]
        if let status = error.statusCode { object["statusCode"] = .int(status) }
        if let excerpt = error.excerpt { object["excerpt"] = .string(excerpt) }
        return JSONWriter.compact.string(from: .object(object))
    }
}
