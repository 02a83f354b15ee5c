import HookflowModel

/// Evaluates an `If` action's `expression`: either an expression string (`"@equals(...)"`) or
/// the designer's object form, `{"and": [{"equals": ["@triggerBody()?['status']", "approved"]}]}`.
/// Its errors never quote a value read from a secret.
struct ConditionEvaluator {
    let evaluator: ExpressionEvaluator

    /// Operators of the object form and how many operands they take.
    private static let operators: [String: Int] = [
        "equals": 2, "greater": 2, "greaterorequals": 2, "less": 2, "lessorequals": 2, "contains": 2, "startswith": 2, "endswith": 2,
    ]

    func evaluate(_ condition: JSONValue, at pointer: JSONPointer) throws(ConditionError) -> Bool {
        switch condition {
        case .bool(let value):
            return value
        case .string(let text):
            let value: JSONValue
            do { value = try evaluator.evaluateHidingSecrets(string: text).value } catch { throw ConditionError(pointer: pointer, message: error.description) }
            guard let result = value.boolValue else {
                throw ConditionError(pointer: pointer, message: "the condition \"\(text)\" evaluated to \(value.typeName), not a boolean")
            }
            return result
        case .object(let object):
            guard object.count == 1, let (name, operands) = object.entries.first.map({ ($0.key, $0.value) }) else {
                throw ConditionError(pointer: pointer, message: "a condition object has exactly one operator (and, or, not, equals, greater, ...)")
            }
            let operatorPointer = pointer / name
            switch name.lowercased() {
            case "and", "or":
                guard let items = operands.arrayValue, !items.isEmpty else {
                    throw ConditionError(pointer: operatorPointer, message: "\(name) needs a list of conditions")
                }
                var results: [Bool] = []
                for (index, item) in items.enumerated() { results.append(try evaluate(item, at: operatorPointer.appending(index: index))) }
                return name.lowercased() == "and" ? results.allSatisfy { $0 } : results.contains(true)
            case "not":
                let inner = operands.arrayValue?.first ?? operands
                return !(try evaluate(inner, at: operatorPointer))
            default:
                return try compare(name, operands, at: operatorPointer)
            }
        default:
            throw ConditionError(pointer: pointer, message: "a condition is an expression or an object like {\"and\": [...]}, not \(condition.typeName)")
        }
    }

    /// `{"equals": [a, b]}` and friends: each operand may be an expression; the comparison runs
    /// through the expression engine's own function so the rules are the same everywhere.
    private func compare(_ name: String, _ operands: JSONValue, at pointer: JSONPointer) throws(ConditionError) -> Bool {
        guard let expected = Self.operators[name.lowercased()] else {
            throw ConditionError(pointer: pointer, message: "unknown condition operator \"\(name)\"; use and, or, not, equals, greater, greaterOrEquals, less, lessOrEquals, contains, startsWith or endsWith")
        }
        guard let items = operands.arrayValue, items.count == expected else {
            throw ConditionError(pointer: pointer, message: "\(name) needs \(expected) operands")
        }
        var values: [JSONValue] = []
        var secret = false
        for (index, item) in items.enumerated() {
            do {
                let hidden = try evaluator.evaluateHidingSecrets(item)
                values.append(hidden.value)
                secret = secret || hidden.recordable != nil
            } catch {
                throw ConditionError(pointer: pointer.appending(index: index).appending(error.pointer.tokens), message: error.error.description)
            }
        }
        // Call the function with the values as literal arguments.
        let call = "@\(name)(\(values.map(Self.literal).joined(separator: ", ")))"
        do {
            guard let result = try evaluator.evaluate(string: call).boolValue else { return false }
            return result
        } catch {
            let operands = secret ? "values read from a secret (hidden)" : values.map { JSONWriter.compact.string(from: $0) }.joined(separator: " and ")
            throw ConditionError(pointer: pointer, message: "\(name) of \(operands): \(secret ? "\(error.kind) error" : error.message)")
        }
    }

    /// A value written as an expression literal (`'text'`, `42`, `json('{...}')`).
    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .number(let number): return number.literal
        case .bool(let bool): return bool ? "true" : "false"
        case .null: return "null"
        case .array, .object: return "json('" + JSONWriter.compact.string(from: value).replacingOccurrences(of: "'", with: "''") + "')"
        }
    }
}

/// A condition that could not be evaluated, and where.
struct ConditionError: Error, CustomStringConvertible {
    let pointer: JSONPointer
    let message: String
    var description: String { "\(pointer): \(message)" }
}
