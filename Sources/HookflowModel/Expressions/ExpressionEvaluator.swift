/// Evaluates workflow expressions against an ``EvaluationContext``.
///
/// Evaluation is a pure function of the context and the text, so one evaluator can be shared
/// across tasks.
public struct ExpressionEvaluator: Sendable {
    public let context: EvaluationContext
    /// Set while secrets are being hidden: the reference functions note reads of secrets here
    /// (``evaluateHidingSecrets(_:)``).
    let reads: SecretReads?

    public init(context: EvaluationContext) {
        self.context = context
        reads = nil
    }

    init(context: EvaluationContext, reads: SecretReads) {
        self.context = context
        self.reads = reads
    }

    /// Evaluates one JSON string value: literal → .string, "@expr" → typed value, interpolation → .string.
    public func evaluate(string: String) throws(ExpressionError) -> JSONValue {
        // Most strings in a definition are plain text; skip parsing them entirely.
        guard Template.containsExpression(string) else { return .string(string) }
        let template: Template
        if let cache = context.templates { template = try cache.template(for: string) } else { template = try Template.parse(string) }
        return try evaluate(template, source: string)
    }

    /// Evaluates an already parsed template; `source` is the string value it came from (used in errors).
    public func evaluate(_ template: Template, source: String) throws(ExpressionError) -> JSONValue {
        switch template {
        case .literal(let text):
            return .string(text)
        case .expression(let expression):
            return try value(of: expression, source: source)
        case .interpolation(let segments):
            var text = ""
            for segment in segments {
                switch segment {
                case .text(let part): text += part
                case .expression(let expression): text += try value(of: expression, source: source).expressionText
                }
            }
            return .string(text)
        }
    }

    /// Evaluates every string inside a JSON value (object keys are not evaluated). Errors carry the JSON pointer of the failing string.
    public func evaluate(_ value: JSONValue) throws(EvaluationFailure) -> JSONValue {
        try evaluate(value, at: .root) { pointer, string throws(EvaluationFailure) in (try evaluateLeaf(string, at: pointer), false) }.value
    }

    /// The walk behind every evaluation of a JSON value: each string goes through `leaf`, which
    /// also says whether it is secret; `recordable` is the value with the secret strings replaced
    /// by ``secretPlaceholder`` (the value itself when none was).
    func evaluate(
        _ value: JSONValue, at pointer: JSONPointer, leaf: (JSONPointer, String) throws(EvaluationFailure) -> (JSONValue, Bool)
    ) throws(EvaluationFailure) -> (value: JSONValue, recordable: JSONValue) {
        var secret: Set<JSONPointer> = []
        let result = try walk(value, at: pointer) { pointer, string throws(EvaluationFailure) -> JSONValue in
            let (evaluated, isSecret) = try leaf(pointer, string)
            if isSecret { secret.insert(pointer) }
            return evaluated
        }
        guard !secret.isEmpty else { return (result, result) }
        return (result, result.replacingValues(at: secret, relativeTo: pointer, with: .string(Self.secretPlaceholder)))
    }

    private func walk(_ value: JSONValue, at pointer: JSONPointer, _ leaf: (JSONPointer, String) throws(EvaluationFailure) -> JSONValue) throws(EvaluationFailure) -> JSONValue {
        switch value {
        case .string(let string):
            return try leaf(pointer, string)
        case .array(let elements):
            var result: [JSONValue] = []
            result.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                result.append(try walk(element, at: pointer.appending(index: index), leaf))
            }
            return .array(result)
        case .object(let object):
            // Built pair by pair so the key order of the input is kept.
            var result = JSONObject()
            for (key, element) in object.entries {
                result[key] = try walk(element, at: pointer.appending(key), leaf)
            }
            return .object(result)
        case .null, .bool, .number:
            return value
        }
    }

    /// One string of a JSON value, evaluated where it sits (`pointer`): what it gives must still be
    /// a value Hookflow can record and read back there.
    func evaluateLeaf(_ string: String, at pointer: JSONPointer) throws(EvaluationFailure) -> JSONValue {
        let result: JSONValue
        do {
            result = try evaluate(string: string)
        } catch {
            throw EvaluationFailure(pointer: pointer, error: error)
        }
        if case .string = result { return result }
        let depth = pointer.tokens.count + result.nestingDepth
        if depth > JSONValue.maximumDepth {
            throw EvaluationFailure(pointer: pointer, error: ExpressionError(
                kind: .runtime,
                message: "the value nests \(result.nestingDepth) levels deep; where it goes that makes \(depth), deeper than \(JSONValue.maximumDepth), the limit for JSON in Hookflow",
                expression: string, position: 1))
        }
        return result
    }

    /// The value of one expression node.
    func value(of expression: Expression, source: String) throws(ExpressionError) -> JSONValue {
        switch expression {
        case .string(let text, _):
            return .string(text)
        case .number(let number, _):
            return .number(number)
        case .bool(let bool, _):
            return .bool(bool)
        case .null:
            return .null
        case .call(let call):
            return try invoke(call, source: source)
        case .member(let base, let name, let nullSafe, let position):
            let object = try value(of: base, source: source)
            return try property(name, of: object, nullSafe: nullSafe, position: position, source: source)
        case .index(let base, let indexExpression, let nullSafe, let position):
            let container = try value(of: base, source: source)
            let index = try value(of: indexExpression, source: source)
            return try element(index, of: container, nullSafe: nullSafe, position: position, source: source)
        }
    }

    private func invoke(_ call: FunctionCall, source: String) throws(ExpressionError) -> JSONValue {
        // The parser already checked both, but an AST can also be built by hand.
        guard let function = ExpressionFunction.named(call.name) else {
            throw ExpressionError(kind: .unknownFunction, message: "unknown function '\(call.name)'", expression: source, position: call.position)
        }
        if let problem = function.arityProblem(argumentCount: call.arguments.count) {
            throw ExpressionError(kind: .arity, message: problem, expression: source, position: call.position)
        }
        var arguments: [JSONValue] = []
        if !function.evaluatesArgumentsLazily {
            // Left to right, as Logic Apps does, so the first failing argument is the one reported.
            arguments.reserveCapacity(call.arguments.count)
            for argument in call.arguments { arguments.append(try value(of: argument, source: source)) }
        }
        let invocation = FunctionInvocation(function: function, call: call, arguments: arguments, evaluator: self, source: source)
        let result = try function.body(invocation)
        // Functions that could build text far beyond the limit check before building it; this
        // catches the rest (a format, an encoding) one step over the limit at most. Functions
        // that return stored data (triggerBody(), parameters()) return it whatever its length.
        if function.buildsText, case .string(let text) = result, text.isLonger(thanUTF16: Expression.maximumResultLength) {
            throw invocation.resultTooLong()
        }
        return result
    }

    /// `base.name`, `base?.name`, `base['name']`: exact key first, then a case-insensitive match.
    private func property(
        _ name: String, of base: JSONValue, nullSafe: Bool, position: Int, source: String
    ) throws(ExpressionError) -> JSONValue {
        switch base {
        case .object(let object):
            if let key = object.key(matchingCaseInsensitive: name), let found = object[key] { return found }
            if nullSafe { return .null }
            let available = object.keys.isEmpty
                ? "the object has no properties"
                : "available properties are " + object.keys.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
                    + (object.keys.count > 20 ? ", ..." : "")
            throw ExpressionError(
                kind: .reference, message: "property '\(name)' doesn't exist; \(available)", expression: source, position: position)
        case .null:
            if nullSafe { return .null }
            throw ExpressionError(
                kind: .type,
                message: "cannot read property '\(name)' of null (use '?.' or '?[...]' to get null instead)",
                expression: source, position: position)
        default:
            throw ExpressionError(
                kind: .type, message: "cannot read property '\(name)' of a value of type \(base.typeName)",
                expression: source, position: position)
        }
    }

    /// `base[index]` / `base?[index]`: a string key into an object or an integer index into an array.
    private func element(
        _ index: JSONValue, of base: JSONValue, nullSafe: Bool, position: Int, source: String
    ) throws(ExpressionError) -> JSONValue {
        switch (base, index) {
        case (.object, .string(let key)), (.null, .string(let key)):
            return try property(key, of: base, nullSafe: nullSafe, position: position, source: source)
        case (.array(let elements), .number(let number)):
            guard let offset = number.intValue else {
                throw ExpressionError(
                    kind: .type, message: "array index must be an integer but got \(number.literal)",
                    expression: source, position: position)
            }
            guard elements.indices.contains(offset) else {
                if nullSafe { return .null }
                throw ExpressionError(
                    kind: .reference,
                    message: "index \(offset) is out of range for an array of \(elements.count) element\(elements.count == 1 ? "" : "s")",
                    expression: source, position: position)
            }
            return elements[offset]
        case (.null, _):
            if nullSafe { return .null }
            throw ExpressionError(
                kind: .type, message: "cannot index into null (use '?[...]' to get null instead)",
                expression: source, position: position)
        case (.object, _):
            throw ExpressionError(
                kind: .type, message: "an object must be indexed with a string but got \(index.typeName)",
                expression: source, position: position)
        case (.array, _):
            throw ExpressionError(
                kind: .type, message: "an array must be indexed with an integer but got \(index.typeName)",
                expression: source, position: position)
        default:
            throw ExpressionError(
                kind: .type, message: "cannot index into a value of type \(base.typeName)",
                expression: source, position: position)
        }
    }
}
