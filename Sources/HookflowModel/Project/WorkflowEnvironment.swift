/// What surrounds a definition where it is kept, as far as the definition reads it: parameters
/// given from outside (a Standard project's `parameters.json`, an ARM resource's
/// `properties.parameters`), app settings (`appsetting()`), and the ARM template whose
/// whole-string expressions (`"[parameters('uri')]"`) its values may be (SPEC §2, "Real files").
///
/// Validation reads a definition in its environment (``WorkflowValidator/environment``);
/// publishing sends the engine the definition bound to it (``bind(_:)``), as a deployment
/// would, and ``unbind(_:against:)`` undoes that to write an app back into its file.
public struct WorkflowEnvironment: Sendable, Equatable {
    /// Parameters given from outside the definition, in the order they are written there.
    public var suppliedParameters: [SuppliedParameter] = []
    /// Where ``suppliedParameters`` come from, for messages ("parameters.json").
    public var parameterSource = "parameters.json"
    /// Whether binding declares a supplied parameter the definition does not declare: a
    /// Standard project's workflows declare none of the project's parameters themselves.
    public var declaresSuppliedParameters = false
    /// App settings by name, for `appsetting()` (a project's `local.settings.json` `Values` or
    /// the environment).
    public var appSettings: [String: String] = [:]
    /// The ARM template the definition sits in: its strings that are whole ARM expressions are
    /// resolved from it, or else left unchecked. Nil outside templates.
    public var template: ARMTemplate?
    /// Parameters may be declared where Hookflow does not look (a Standard `workflow.json` read
    /// without its project): an undeclared `parameters('x')` is then a warning, not an error.
    public var parametersMayBeDeclaredElsewhere = false

    public init() {}

    /// Nothing around the definition: a bare definition, or an app of the engine.
    public static let none = WorkflowEnvironment()

    public var isEmpty: Bool { self == .none }

    /// A Standard `workflow.json` read without the project it belongs to.
    public static var standaloneStandardWorkflow: WorkflowEnvironment {
        var environment = WorkflowEnvironment()
        environment.parametersMayBeDeclaredElsewhere = true
        return environment
    }

    /// A workflow of a Standard project: the project's parameters and app settings.
    public static func project(_ settings: ProjectSettings) -> WorkflowEnvironment {
        var environment = WorkflowEnvironment()
        environment.suppliedParameters = settings.parameters
        environment.declaresSuppliedParameters = true
        environment.appSettings = settings.appSettings
        return environment
    }

    /// The supplied parameter named `name` (case-insensitively, as Logic Apps matches them).
    func supplied(_ name: String) -> SuppliedParameter? {
        suppliedParameters.first { $0.name == name } ?? suppliedParameters.first { $0.name.lowercased() == name.lowercased() }
    }
}

// MARK: Binding

/// A definition bound to its environment, with what was changed to get it.
public struct BoundDefinition: Sendable, Equatable {
    /// One value replaced (or added, or removed) in the definition.
    public struct Substitution: Sendable, Equatable {
        /// Where, relative to the definition.
        public let pointer: JSONPointer
        /// The value as written; nil when there was none.
        public let original: JSONValue?
        /// The value bound in its place; nil when it was removed.
        public let replacement: JSONValue?
    }

    public let definition: WorkflowDefinition
    public let substitutions: [Substitution]
    /// Strings that are whole ARM expressions whose value is not known here: left as written.
    public let warnings: [ValidationProblem]
}

extension WorkflowEnvironment {
    /// The definition with its whole-string ARM expressions resolved from ``template`` (each
    /// unresolved one a warning), as ARM would deploy it; the definition itself outside templates.
    public func resolvingTemplateExpressions(in definition: WorkflowDefinition) -> BoundDefinition {
        guard let template else { return BoundDefinition(definition: definition, substitutions: [], warnings: []) }
        var value = definition.value
        var substitutions: [BoundDefinition.Substitution] = []
        var warnings: [ValidationProblem] = []
        for (text, pointer) in Self.bracketedStrings(in: definition.value) {
            switch template.resolve(text) {
            case .text:
                break
            case .value(let resolved):
                value.set(resolved, at: pointer)
                substitutions.append(.init(pointer: pointer, original: .string(text), replacement: resolved))
            case .unresolved(let reason):
                warnings.append(ValidationProblem(
                    pointer: pointer, message: "ARM expression \"\(text)\" is left unchecked: its value is not known outside Azure (\(reason))",
                    severity: .warning))
            }
        }
        return BoundDefinition(definition: WorkflowDefinition(json: value.objectValue ?? definition.json), substitutions: substitutions, warnings: warnings)
    }

    /// The definition as a deployment of it would run: ARM expressions resolved, each supplied
    /// parameter's value as its declaration's default (declared first in a project), a value not
    /// known here leaving the parameter without a default. This is what publishing sends.
    public func bind(_ definition: WorkflowDefinition) -> BoundDefinition {
        let resolved = resolvingTemplateExpressions(in: definition)
        guard !suppliedParameters.isEmpty else { return resolved }
        var value = resolved.definition.value
        var substitutions = resolved.substitutions
        let declarations = resolved.definition.json["parameters"]?.objectValue
        var added = JSONObject()
        for parameter in suppliedParameters {
            if let declarations, let key = declarations.key(matchingCaseInsensitive: parameter.name) {
                let pointer = JSONPointer(["parameters", key, "defaultValue"])
                let original = value[pointer: pointer]
                guard original != parameter.value else { continue }
                value.set(parameter.value, at: pointer)
                substitutions.append(.init(pointer: pointer, original: original, replacement: parameter.value))
            } else if declaresSuppliedParameters {
                var declaration: JSONObject = ["type": .string(parameter.type ?? parameter.value.map(Self.parameterType) ?? "Object")]
                if let known = parameter.value { declaration["defaultValue"] = known }
                added[parameter.name] = .object(declaration)
            }
        }
        if !added.isEmpty {
            if declarations == nil {
                let pointer = JSONPointer(["parameters"])
                substitutions.append(.init(pointer: pointer, original: value[pointer: pointer], replacement: .object(added)))
                value.set(.object(added), at: pointer)
            } else {
                for entry in added.entries {
                    let pointer = JSONPointer(["parameters", entry.key])
                    value.set(entry.value, at: pointer)
                    substitutions.append(.init(pointer: pointer, original: Optional<JSONValue>.none, replacement: entry.value))
                }
            }
        }
        return BoundDefinition(definition: WorkflowDefinition(json: value.objectValue ?? definition.json), substitutions: substitutions, warnings: resolved.warnings)
    }

    /// `exported` (an app as the engine has it) with the binding of `original` (the definition
    /// in its file) undone wherever it still holds: a value the binding put there is written
    /// back as the file had it (an ARM expression, a declaration's own default), a declaration
    /// it added is removed. Edits made since, elsewhere or to those values, are kept.
    public func unbind(_ exported: WorkflowDefinition, against original: WorkflowDefinition) -> WorkflowDefinition {
        var value = exported.value
        // Last binding first: a default resolved from an ARM expression, then replaced by a supplied value.
        for substitution in bind(original).substitutions.reversed() where value[pointer: substitution.pointer] == substitution.replacement {
            value.set(substitution.original, at: substitution.pointer)
            // A key the binding removed comes back where the file had it, not at the end.
            if case .none = substitution.replacement, let key = substitution.pointer.last, let parent = substitution.pointer.parent,
               let position = original[pointer: parent]?.objectValue?.keys.firstIndex(of: key),
               var object = value[pointer: parent]?.objectValue {
                object.moveKey(key, to: position)
                value.set(.object(object), at: parent)
            }
        }
        return WorkflowDefinition(json: value.objectValue ?? exported.json)
    }

    /// A WDL parameter type for a value given without one.
    static func parameterType(of value: JSONValue) -> String {
        switch value {
        case .string: "String"
        case .bool: "Bool"
        case .number(let number): number.isInteger ? "Int" : "Float"
        case .array: "Array"
        default: "Object"
        }
    }

    /// Every string under `value` that starts with `[` and ends with `]`, with its pointer.
    static func bracketedStrings(in value: JSONValue) -> [(String, JSONPointer)] {
        var found: [(String, JSONPointer)] = []
        var pending: [(JSONValue, JSONPointer)] = [(value, .root)]
        while let (current, pointer) = pending.popLast() {
            switch current {
            case .string(let text):
                if text.utf8.first == UInt8(ascii: "["), text.utf8.last == UInt8(ascii: "]") { found.append((text, pointer)) }
            case .array(let elements):
                for (index, element) in elements.enumerated().reversed() { pending.append((element, pointer.appending(index: index))) }
            case .object(let object):
                for entry in object.entries.reversed() { pending.append((entry.value, pointer / entry.key)) }
            default:
                break
            }
        }
        return found
    }
}
