/// What a Logic Apps Standard project gives its workflows besides their own files: the
/// parameters of `parameters.json` (`{"name": {"type": "String", "value": …}}`, values possibly
/// `@appsetting('X')`) and the app settings of `local.settings.json` (`{"Values": {…}}`) or
/// the environment.
///
/// Read from the files' text: the model does no I/O (the command line reads the folder).
public struct ProjectSettings: Sendable, Equatable {
    /// `parameters.json`, in written order, values resolved where they can be.
    public private(set) var parameters: [SuppliedParameter] = []
    /// App settings by name: `local.settings.json` `Values`, then the environment.
    public private(set) var appSettings: [String: String] = [:]

    /// Why a project file could not be used.
    public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        case malformedJSON(file: String, JSONParseError)
        case notAnObject(file: String, pointer: JSONPointer, what: String)

        public var description: String {
            switch self {
            case .malformedJSON(let file, let error): "\(file):\(error.line):\(error.column): malformed JSON: \(error.message)"
            case .notAnObject(let file, let pointer, let what):
                "\(file):\(pointer.description.isEmpty ? "/" : pointer.description): \(what)"
            }
        }
    }

    public init() {}

    /// Reads the two files (nil: the project has none) with `environment` as the app settings
    /// `local.settings.json` does not set.
    public init(parametersText: String?, localSettingsText: String?, environment: [String: String] = [:]) throws(ReadError) {
        var settings = environment
        if let localSettingsText {
            let root = try Self.parse(localSettingsText, file: "local.settings.json")
            if let values = root["Values"] {
                guard let object = values.objectValue else {
                    throw .notAnObject(file: "local.settings.json", pointer: JSONPointer(["Values"]), what: "Values must be an object of app settings")
                }
                for entry in object.entries {
                    // Settings are text; a number or flag written bare is read as its JSON text.
                    settings[entry.key] = entry.value.stringValue ?? JSONWriter.compact.string(from: entry.value)
                }
            }
        }
        appSettings = settings
        guard let parametersText else { return }
        let root = try Self.parse(parametersText, file: "parameters.json")
        guard let object = root.objectValue else {
            throw .notAnObject(file: "parameters.json", pointer: .root, what: "parameters.json must be an object of parameters ({\"name\": {\"type\": \"String\", \"value\": …}})")
        }
        var context = EvaluationContext()
        context.appSettings = settings
        let evaluator = ExpressionEvaluator(context: context)
        for entry in object.entries {
            let type = entry.value["type"]?.stringValue
            guard let written = entry.value.objectValue.flatMap({ $0["value"] }) else {
                parameters.append(SuppliedParameter(name: entry.key, type: type, value: Optional<JSONValue>.none, unknownBecause: "parameters.json gives it no value"))
                continue
            }
            do {
                parameters.append(SuppliedParameter(name: entry.key, type: type, value: try evaluator.evaluate(written)))
            } catch {
                parameters.append(SuppliedParameter(name: entry.key, type: type, value: Optional<JSONValue>.none, unknownBecause: "its value in parameters.json cannot be resolved: \(error.error.message)"))
            }
        }
    }

    private static func parse(_ text: String, file: String) throws(ReadError) -> JSONValue {
        do { return try JSONParser.parse(text) } catch { throw .malformedJSON(file: file, error) }
    }
}

/// A parameter given a workflow from outside its definition: by a Standard project's
/// `parameters.json`, or by an ARM workflow resource's `properties.parameters`.
public struct SuppliedParameter: Sendable, Equatable {
    public let name: String
    /// The declared type (`String`, `Object`, `SecureString`, …); nil when not given.
    public let type: String?
    /// The value, resolved; nil when it is not known here.
    public let value: JSONValue?
    /// Why ``value`` is not known (for warnings).
    public let unknownBecause: String?

    public init(name: String, type: String?, value: JSONValue?, unknownBecause: String? = nil) {
        self.name = name
        self.type = type
        self.value = value
        if case .none = value {
            self.unknownBecause = unknownBecause ?? "its value is not known here"
        } else {
            self.unknownBecause = nil
        }
    }
}
