import HookflowModel

/// A run's variables as its variable actions left them: each with its declared type, and whether
/// its value was made from a secret (what reads it is secret too). Stored with the run, in the
/// commit of the action that changed them, so a run resumed after a restart sees the same values.
public struct RunVariables: Sendable, Equatable {
    public struct Variable: Sendable, Equatable {
        /// The name as the InitializeVariable action wrote it.
        public var name: String
        public var type: VariableType
        public var value: JSONValue
        public var secret: Bool

        public init(name: String, type: VariableType, value: JSONValue, secret: Bool = false) {
            self.name = name
            self.type = type
            self.value = value
            self.secret = secret
        }
    }

    /// By lowercased name: Logic Apps matches variable names without regard to case.
    private var byKey: [String: Variable] = [:]

    public init() {}

    public var isEmpty: Bool { byKey.isEmpty }
    public var count: Int { byKey.count }

    public func variable(named name: String) -> Variable? { byKey[name.lowercased()] }

    /// Adds a variable or replaces the one of the same name.
    public mutating func put(_ variable: Variable) { byKey[variable.name.lowercased()] = variable }

    /// What `variables('name')` reads, by declared name.
    public var values: [String: JSONValue] {
        Dictionary(byKey.values.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The names of variables made from a secret.
    public var secretNames: Set<String> { Set(byKey.values.filter(\.secret).map(\.name)) }

    // MARK: Stored form

    /// The version of ``json``; a newer one is refused as written by a newer Hookflow.
    static let formatVersion = 1

    /// `{"version": 1, "variables": [{"name", "type", "value", "secret"?}, ...]}`, in name order.
    public var json: JSONValue {
        let entries = byKey.keys.sorted().compactMap { byKey[$0] }.map { variable -> JSONValue in
            var object: JSONObject = ["name": .string(variable.name), "type": .string(variable.type.rawValue), "value": variable.value]
            if variable.secret { object["secret"] = true }
            return .object(object)
        }
        return ["version": .int(Self.formatVersion), "variables": .array(entries)]
    }

    /// Why a stored value cannot be read back, and whether a newer Hookflow may have written it.
    public struct FormatError: Error, Sendable, Equatable {
        public var problem: String
        public var mayBeNewer: Bool
    }

    /// Reads ``json`` back.
    public init(json: JSONValue) throws(FormatError) {
        guard let version = json["version"]?.intValue else {
            throw FormatError(problem: "holds variables with no format version", mayBeNewer: false)
        }
        guard version <= Self.formatVersion else {
            throw FormatError(problem: "holds variables in format version \(version), which this version of Hookflow does not know", mayBeNewer: true)
        }
        guard let entries = json["variables"]?.arrayValue else { throw FormatError(problem: "holds variables with no list of them", mayBeNewer: false) }
        for (index, entry) in entries.enumerated() {
            guard let name = entry["name"]?.stringValue, let typeText = entry["type"]?.stringValue, let value = entry["value"] else {
                throw FormatError(problem: "holds variable \(index) without a name, a type and a value", mayBeNewer: false)
            }
            guard let type = VariableType(caseInsensitive: typeText) else {
                throw FormatError(problem: "holds variable \"\(name)\" of type \"\(typeText)\", which is not one of "
                    + VariableType.allCases.map(\.rawValue).joined(separator: ", "), mayBeNewer: true)
            }
            put(Variable(name: name, type: type, value: value, secret: entry["secret"]?.boolValue ?? false))
        }
    }
}
