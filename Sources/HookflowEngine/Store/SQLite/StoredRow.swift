import Foundation
import GRDB
import HookflowModel

/// A row read back from the data file, decoded column by column with GRDB's throwing decodes.
///
/// `row["col"]` is a `try!` inside GRDB: a value of the wrong type traps. Here every column goes
/// through `row.decode`, and what cannot be used (the wrong type, a time that is not one, a
/// status this version does not know, JSON that does not parse) becomes a
/// ``StoreError/damaged(_:)`` naming the file, table, column and row.
///
/// ```swift
/// let row = StoredRow(row, file: path, table: "run", key: ["id"])
/// let status: RunStatus = try row.known("status")
/// let started = try row.date("start_time")
/// ```
struct StoredRow {
    let row: Row
    let file: String
    let table: String
    /// The columns that name the row in an error.
    let key: [String]

    init(_ row: Row, file: String, table: String, key: [String]) {
        self.row = row
        self.file = file
        self.table = table
        self.key = key
    }

    /// Counts, versions and attempts are whole numbers from 0 up to here (arithmetic on them
    /// cannot overflow, and they stay exact in JSON).
    static let largestCount = 1 << 53
    /// Times are seconds since 1970 within ±3,000 years of it (a date beyond that cannot be formatted).
    static let largestTime: Double = 95_000_000_000

    // MARK: Plain values

    /// The column's value as `Value` (an optional `Value` for a column that may be NULL).
    /// `meaning` says what belongs there when the type alone does not (`a time (seconds since 1970)`).
    func value<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type = Value.self, meaning: String? = nil) throws -> Value {
        do { return try row.decode(Value.self, forColumn: column) } catch {
            throw damage(column, "\(found(column)) where \(meaning ?? Self.expected(Value.self)) belongs")
        }
    }

    /// A count, a version, a number of attempts: a whole number, 0 or more.
    func count(_ column: String) throws -> Int {
        let number = try value(column, as: Int.self, meaning: Self.countMeaning)
        guard (0...Self.largestCount).contains(number) else { throw damage(column, "holds \(number) where \(Self.countMeaning) belongs") }
        return number
    }

    private static let countMeaning = "a count (0 or more)"
    private static let timeMeaning = "a time (seconds since 1970)"

    func date(_ column: String) throws -> Date {
        try checkedDate(column, try value(column, as: Double.self, meaning: Self.timeMeaning))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try value(column, as: Double?.self, meaning: Self.timeMeaning).map { try checkedDate(column, $0) }
    }

    private func checkedDate(_ column: String, _ seconds: Double) throws -> Date {
        guard seconds.isFinite, abs(seconds) <= Self.largestTime else { throw damage(column, "holds \(seconds) where \(Self.timeMeaning) belongs") }
        return Date(timeIntervalSince1970: seconds)
    }

    /// A status, state or kind: one of the values this version knows.
    func known<Value: RawRepresentable & CaseIterable>(_ column: String, as type: Value.Type = Value.self) throws -> Value
    where Value.RawValue == String {
        let text = try value(column, as: String.self)
        guard let known = Value(rawValue: text) else { throw damage(column, Self.unknown(text, of: Value.self), mayBeNewer: true) }
        return known
    }

    /// What is wrong with a value this version does not know: `holds "Paused", which is not one of Running, …`.
    static func unknown<Value: RawRepresentable & CaseIterable>(_ text: String, of type: Value.Type) -> String where Value.RawValue == String {
        "holds \(quoted(text)), which is not one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))"
    }

    // MARK: Text, sealed values and JSON (PackedText)

    /// The text of a column however it was written (text, deflated, sealed: ``PackedText``); nil
    /// for NULL. `sealer` opens sealed values; without one the column must hold a clear value.
    func unpacked(_ column: String, sealer: SecretSealer? = nil) throws -> PackedText.Unpacked? {
        let stored = try value(column, as: DatabaseValue.self)
        switch stored.storage {
        case .int64, .double: throw damage(column, "\(found(column)) where text belongs")
        case .null, .string, .blob: break
        }
        do { return try PackedText.unpack(stored, sealer: sealer) } catch let problem as PackedText.Problem {
            throw damage(column, problem.message, mayBeNewer: problem.mayBeNewer)
        } catch let StoreError.sealing(what) {
            throw StoreError.sealing("\(what) (in \(file): table \(table), column \(column), row \(rowName))")
        }
    }

    /// The text of a column that may be sealed (``SecretSealer``); nil for NULL.
    func optionalOpened(_ column: String, with sealer: SecretSealer) throws -> String? {
        switch try unpacked(column, sealer: sealer) {
        case nil: return nil
        case .text(let text): return text
        case .asRecorded: throw damage(column, "holds a reference to a recorded value where the value itself belongs")
        }
    }

    func opened(_ column: String, with sealer: SecretSealer) throws -> String {
        guard let text = try optionalOpened(column, with: sealer) else { throw damage(column, "is empty (NULL) where text belongs") }
        return text
    }

    /// A JSON column (nil when NULL), written clear.
    func json(_ column: String) throws -> JSONValue? {
        switch try unpacked(column) {
        case nil: return nil
        case .text(let text): return try json(column, parsing: text)
        case .asRecorded: throw damage(column, "holds a reference to a recorded value where the value itself belongs")
        }
    }

    func requiredJSON(_ column: String) throws -> JSONValue {
        guard let json = try json(column) else { throw damage(column, "is empty (NULL) where text belongs") }
        return json
    }

    /// The column's text (opened, when it was sealed) as JSON. The text is not shown in the error:
    /// a column that should have been sealed may hold a secret.
    func json(_ column: String, parsing text: String) throws -> JSONValue {
        // Stored values are at most ``JSONValue/maximumDepth`` deep plus what the engine wraps around them.
        do { return try JSONParser.parse(text, maximumDepth: JSONValue.envelopeReadingDepth) } catch {
            throw damage(column, "holds text that is not valid JSON (\(error))")
        }
    }

    /// A stored request (sealed whole: its authentication holds credentials).
    func request(_ column: String, sealer: SecretSealer) throws -> OutboundRequest {
        try request(column, json: try json(column, parsing: try opened(column, with: sealer)))
    }

    /// A stored request, or nil. ``PackedText/Form/asRecorded`` stands for `recorded`: the
    /// request as the row shows it in clear (it held no secret, so it was not kept twice).
    func optionalRequest(_ column: String, sealer: SecretSealer, recorded: () throws -> JSONValue? = { nil }) throws -> OutboundRequest? {
        switch try unpacked(column, sealer: sealer) {
        case nil: return nil
        case .text(let text): return try request(column, json: try json(column, parsing: text))
        case .asRecorded:
            guard let json = try recorded() else { throw damage(column, "holds a reference to a recorded value the row does not hold") }
            return try request(column, json: json)
        }
    }

    private func request(_ column: String, json: JSONValue) throws -> OutboundRequest {
        guard let request = OutboundRequest(json: json) else { throw damage(column, "holds JSON that is not a request (no method or uri)") }
        return request
    }

    /// A run's variables (sealed JSON, ``RunVariables/json``); empty when NULL.
    func variables(_ column: String, sealer: SecretSealer) throws -> RunVariables {
        guard let text = try optionalOpened(column, with: sealer) else { return RunVariables() }
        do { return try RunVariables(json: try json(column, parsing: text)) } catch let error as RunVariables.FormatError {
            throw damage(column, error.problem, mayBeNewer: error.mayBeNewer)
        }
    }

    /// A subscription call's last error (`{"message", "statusCode"?, "excerpt"?}`).
    func subscriptionError(_ column: String) throws -> SubscriptionError? {
        guard let json = try json(column) else { return nil }
        guard let message = json["message"]?.stringValue else { throw damage(column, "holds JSON that is not an error (no message)") }
        return SubscriptionError(statusCode: json["statusCode"]?.intValue, message: message, excerpt: json["excerpt"]?.stringValue)
    }

    // MARK: Errors

    /// A ``StoreError/damaged(_:)`` for `column` of this row.
    func damage(_ column: String, _ problem: String, mayBeNewer: Bool = false) -> StoreError {
        .damaged(StoreDamage(file: file, table: table, column: column, row: rowName, problem: problem, mayBeNewer: mayBeNewer))
    }

    /// `id "run-1"`; `run_id "run-1", name "Approve"`. A key column holding empty text (an
    /// action's repetition outside loops) is left out.
    var rowName: String {
        key.compactMap { column -> String? in
            let value = raw(column)
            switch value?.storage {
            case .string(let text) where text.isEmpty && key.count > 1: return nil
            case .string(let text): return "\(column) \(Self.quoted(text))"
            case .int64(let number): return "\(column) \(number)"
            default: return "\(column) (\(Self.shown(value)))"
            }
        }.joined(separator: ", ")
    }

    /// The column's value as stored, whatever its type (nil: no such column).
    private func raw(_ column: String) -> DatabaseValue? {
        guard row.hasColumn(column) else { return nil }
        return try? row.decode(DatabaseValue.self, forColumn: column)
    }

    /// What the column holds, for an error: `holds the text "x"`, `is empty (NULL)`.
    private func found(_ column: String) -> String {
        guard let value = raw(column) else { return "is missing" }
        if value.isNull { return "is empty (NULL)" }
        return "holds \(Self.shown(value))"
    }

    private static func shown(_ value: DatabaseValue?) -> String {
        switch value?.storage {
        case nil: "(missing)"
        case .null: "NULL"
        case .int64(let number): "the whole number \(number)"
        case .double(let number): "the number \(number)"
        case .string(let text): "the text \(quoted(text))"
        case .blob(let data): "\(data.count) byte\(data.count == 1 ? "" : "s") of binary data"
        }
    }

    /// At most 40 characters of it, quoted and escaped.
    static func quoted(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)).debugDescription + "…" : text.debugDescription
    }

    private static func expected<Value>(_ type: Value.Type) -> String {
        switch type {
        case is String.Type, is String?.Type: "text"
        case is Int.Type, is Int?.Type, is Int64.Type, is Int64?.Type: "a whole number"
        case is Double.Type, is Double?.Type: "a number"
        case is Bool.Type: "0 or 1"
        case is Data.Type: "binary data"
        default: "a \(type)"
        }
    }
}
