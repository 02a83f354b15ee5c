/// The deployment template around a workflow resource, as far as Hookflow reads it: its
/// parameters (with their defaults), its variables, and the `Microsoft.Logic/workflows`
/// resources it deploys.
///
/// Whole-string ARM expressions are evaluated with Hookflow's expression evaluator: ARM's
/// language has the same syntax (single-quoted strings, calls, `.x` and `['x']`) and shares the
/// functions that matter here (`parameters`, `variables`, `concat`, `toLower`, `if`, `equals`,
/// …). Functions of Azure (`resourceGroup()`, `resourceId()`, `subscription()`,
/// `listCallbackUrl(…)`) are not known, so strings that use them stay unresolved.
public struct ARMTemplate: Sendable, Equatable {
    /// Template parameter values known here (defaults, resolved), by name as written.
    public private(set) var parameters: [String: JSONValue] = [:]
    /// Variables resolved as far as they can be, by name as written.
    public private(set) var variables: [String: JSONValue] = [:]
    /// The template's `resources` (empty for a single resource read on its own).
    public let resources: [JSONValue]
    /// The parameters the template declares, with their defaults as written (for messages).
    private var declaredParameters: [String: JSONValue?] = [:]

    /// How many rounds variables referring to other variables are resolved over.
    private static let rounds = 8

    /// A template read from its root object: parameter defaults (or `values`, taking precedence,
    /// as a parameter file gives them), then variables, each resolved as far as it can be.
    public init(root: JSONValue, values: [String: JSONValue] = [:]) {
        resources = root["resources"]?.arrayValue ?? []
        var defaults: [String: JSONValue] = [:]
        for entry in root["parameters"]?.objectValue?.entries ?? [] {
            let value = values[entry.key] ?? entry.value["defaultValue"]
            declaredParameters[entry.key] = value
            if let value { defaults[entry.key] = value }
        }
        // Defaults may use other parameters ("[concat(parameters('prefix'), '-app')]") and
        // variables other variables: each is kept once it resolves completely.
        settle(defaults, into: \.parameters)
        var declared: [String: JSONValue] = [:]
        for entry in root["variables"]?.objectValue?.entries ?? [] { declared[entry.key] = entry.value }
        settle(declared, into: \.variables)
    }

    /// An empty template: a single ARM resource read on its own, whose expressions cannot be
    /// resolved (there are no template parameters to read).
    public static let empty = ARMTemplate(root: .object(JSONObject()))

    /// Resolves `named` over a few rounds into `known`: a value is kept once it resolves with
    /// what the earlier ones gave; what never does is left out (unknown).
    private mutating func settle(_ named: [String: JSONValue], into known: WritableKeyPath<ARMTemplate, [String: JSONValue]>) {
        var pending = named
        for _ in 0..<Self.rounds where !pending.isEmpty {
            var progressed = false
            for (name, value) in pending {
                let (resolved, complete) = resolveDeep(value)
                guard complete else { continue }
                self[keyPath: known][name] = resolved
                pending[name] = nil
                progressed = true
            }
            if !progressed { break }
        }
    }

    // MARK: Resolving strings

    /// What `text` deploys as: an ARM expression evaluated with the template's parameters and
    /// variables, an escaped literal unescaped, anything else left as text.
    public func resolve(_ text: String) -> ARMResolution {
        switch ARMExpression.reading(text) {
        case .text: return .text
        case .escaped(let literal): return .value(.string(literal))
        case .expression(let inner):
            var context = EvaluationContext(parameters: parameters)
            context.variables = variables
            do {
                return .value(try ExpressionEvaluator(context: context).evaluate(string: "@" + inner))
            } catch {
                return .unresolved(reason: reason(for: error, in: inner))
            }
        }
    }

    /// Why an expression has no value here, in the template's terms: the parameter or variable
    /// it reads that is not known, or the function of Azure it calls.
    private func reason(for error: ExpressionError, in inner: String) -> String {
        if let template = try? Template.parse("@" + inner) {
            for call in template.functionCalls {
                guard case .string(let name, _)? = call.arguments.first else { continue }
                if call.name == "parameters", parameters[name] == nil {
                    guard let entry = declaredParameters.first(where: { $0.key.lowercased() == name.lowercased() }) else {
                        return "the template declares no parameter '\(name)'"
                    }
                    guard let written = entry.value else { return "the template parameter '\(name)' has no default value" }
                    return "the default of the template parameter '\(name)' is \(JSONWriter.compact.string(from: written))"
                }
                if call.name == "variables", variables[name] == nil { return "the template variable '\(name)' cannot be resolved here" }
            }
        }
        if error.kind == .unknownFunction { return "\(error.message); it is a function of Azure Resource Manager" }
        return error.message
    }

    /// `value` with every ARM string in it resolved where it can be; `complete` is false when
    /// some stayed unresolved (they are kept as written).
    public func resolveDeep(_ value: JSONValue) -> (value: JSONValue, complete: Bool) {
        switch value {
        case .string(let text):
            switch resolve(text) {
            case .text: return (value, true)
            case .value(let resolved): return (resolved, true)
            case .unresolved: return (value, false)
            }
        case .array(let elements):
            var complete = true
            let resolved = elements.map { element in
                let (value, done) = resolveDeep(element)
                complete = complete && done
                return value
            }
            return (.array(resolved), complete)
        case .object(let object):
            var complete = true
            var resolved = JSONObject()
            for entry in object.entries {
                let (value, done) = resolveDeep(entry.value)
                complete = complete && done
                resolved[entry.key] = value
            }
            return (.object(resolved), complete)
        default:
            return (value, true)
        }
    }

    // MARK: Workflow resources

    /// One `Microsoft.Logic/workflows` resource of the template.
    public struct WorkflowResource: Sendable, Equatable {
        /// Its position in `resources`.
        public let index: Int
        /// Its `name` as written (`"[parameters('logicAppName')]"` or a plain name).
        public let writtenName: String?
        /// Its name once resolved (the parameter's default); nil when it cannot be.
        public let name: String?
    }

    /// The workflow resources holding a definition, in template order.
    public var workflowResources: [WorkflowResource] {
        resources.enumerated().compactMap { index, resource in
            guard Self.isWorkflowResource(resource) else { return nil }
            let written = resource["name"]?.stringValue
            return WorkflowResource(index: index, writtenName: written, name: written.flatMap(resolvedName))
        }
    }

    /// A resource name as deployed: plain, or an expression that resolves to a string.
    private func resolvedName(_ written: String) -> String? {
        switch resolve(written) {
        case .text: written.isEmpty ? nil : written
        case .value(let value): value.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        case .unresolved: nil
        }
    }

    static func isWorkflowResource(_ value: JSONValue) -> Bool {
        guard value["type"]?.stringValue?.lowercased() == "microsoft.logic/workflows" else { return false }
        return value["properties"]?["definition"]?.objectValue != nil
    }
}
