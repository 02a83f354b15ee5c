import Foundation
import HookflowModel

/// Hides secrets from run history, API answers and logs (SPEC §3): authentication passwords and
/// secrets, the values of `securestring`/`secureobject` parameters wherever they appear, and the
/// inputs or outputs of steps marked `secureData`.
struct SecretMasker: Sendable {
    /// Secure parameter values (strings, and the strings inside secure objects), longest first.
    private let secretValues: [String]

    init(definition: WorkflowDefinition) {
        var values: [String] = []
        for parameter in definition.parameters where parameter.isSecure {
            guard let value = parameter.defaultValue else { continue }
            Self.collectStrings(value, into: &values)
        }
        // Credentials written as they are (not as expressions) in any authentication object.
        Self.collectCredentials(.object(definition.json), into: &values)
        // Very short values would mask half the world; a secret is at least 4 characters.
        secretValues = Array(Set(values.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
    }

    /// The literal secret values of every `authentication` object (an explicit stack: any depth).
    private static func collectCredentials(_ root: JSONValue, into values: inout [String]) {
        var pending = [root]
        while let value = pending.popLast() {
            switch value {
            case .object(let object):
                for entry in object.entries {
                    if entry.key.lowercased() == "authentication", let authentication = entry.value.objectValue {
                        for key in authentication.keys where Authentication.secretKeys.contains(key) {
                            if let text = authentication[key]?.stringValue, !Template.containsExpression(text) { values.append(text) }
                        }
                    }
                    pending.append(entry.value)
                }
            case .array(let items):
                pending.append(contentsOf: items)
            default:
                break
            }
        }
    }

    /// The secret values it hides, longest first.
    var values: [String] { secretValues }

    /// Free text (an error message, a log line) with every known secret value replaced.
    func maskText(_ text: String) -> String {
        Self.hiding(secretValues, in: text)
    }

    /// `text` with every occurrence of each secret replaced, compared Character by Character
    /// (the standard library's search: Foundation's on Linux mis-reads a secret holding a NUL).
    static func hiding(_ secrets: [String], in text: String) -> String {
        var masked = text
        for secret in secrets where !secret.isEmpty { masked = masked.replacing(secret, with: SecretMasking.placeholder) }
        return masked
    }

    /// The outputs run history may show, when they differ from the outputs themselves: the whole of
    /// them for a step whose outputs are secure; else the strings that read a secret (`hidden`)
    /// and any secret value found in them. Nil: record the outputs as they are.
    func maskedOutputs(_ value: JSONValue?, hidden: JSONValue? = nil, of step: Step?) -> JSONValue? {
        guard let value else { return nil }
        if step?.secureData.outputs == true { return .string(SecretMasking.placeholder) }
        let masked = maskValues(hidden ?? value)
        // Spelled out: JSONValue is itself nil-literal-expressible (a bare `nil` here would be JSON null).
        return masked == value ? Optional<JSONValue>.none : masked
    }

    private static func collectStrings(_ value: JSONValue, into values: inout [String]) {
        switch value {
        case .string(let text): values.append(text)
        case .array(let items): for item in items { collectStrings(item, into: &values) }
        case .object(let object): for entry in object.entries { collectStrings(entry.value, into: &values) }
        default: break
        }
    }

    /// Masks a step's inputs: everything when the step's inputs are secure, else the
    /// authentication secrets and the secure parameter values.
    func inputs(_ value: JSONValue?, of step: Step?) -> JSONValue? {
        guard let value else { return nil }
        if step?.secureData.inputs == true { return .string(SecretMasking.placeholder) }
        return maskValues(maskAuthentication(value))
    }

    /// Masks a step's outputs: everything when its outputs are secure, else the secure parameter values.
    func outputs(_ value: JSONValue?, of step: Step?) -> JSONValue? {
        guard let value else { return nil }
        if step?.secureData.outputs == true { return .string(SecretMasking.placeholder) }
        return maskValues(value)
    }

    /// Replaces secret keys of every `authentication` object (password, secret, value, pfx).
    func maskAuthentication(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var object):
            for key in object.keys {
                guard let child = object[key] else { continue }
                if key.lowercased() == "authentication", case .object(var authentication) = child {
                    for secret in authentication.keys where Authentication.secretKeys.contains(secret) {
                        authentication[secret] = .string(SecretMasking.placeholder)
                    }
                    object[key] = .object(authentication)
                } else if key.lowercased() == "authorization", child.stringValue != nil {
                    object[key] = .string(SecretMasking.placeholder)
                } else {
                    object[key] = maskAuthentication(child)
                }
            }
            return .object(object)
        case .array(let items):
            return .array(items.map(maskAuthentication))
        default:
            return value
        }
    }

    /// Replaces every occurrence of a secure parameter's value inside strings.
    func maskValues(_ value: JSONValue) -> JSONValue {
        guard !secretValues.isEmpty else { return value }
        switch value {
        case .string(let text):
            return .string(Self.hiding(secretValues, in: text))
        case .array(let items):
            return .array(items.map(maskValues))
        case .object(var object):
            for key in object.keys { if let child = object[key] { object[key] = maskValues(child) } }
            return .object(object)
        default:
            return value
        }
    }
}

