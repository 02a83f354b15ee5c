/// One call of a built-in function while it runs: its evaluated arguments plus typed accessors
/// that produce the standard error messages ("function 'toUpper' expects a string as
/// argument 1 but got integer"), so the function bodies stay short and consistent.
struct FunctionInvocation {
    let function: ExpressionFunction
    let call: FunctionCall
    /// The evaluated arguments, in order; empty for lazily evaluated functions.
    let arguments: [JSONValue]
    let evaluator: ExpressionEvaluator
    /// The whole string value, for error messages.
    let source: String

    var context: EvaluationContext { evaluator.context }
    /// How many arguments were written (also right for lazy functions).
    var argumentCount: Int { call.arguments.count }

    /// Evaluates argument `index` now (for lazy functions).
    func evaluateArgument(_ index: Int) throws(ExpressionError) -> JSONValue {
        try evaluator.value(of: call.arguments[index], source: source)
    }

    /// The column where argument `index` starts (for `a.b.c`, where `a` starts).
    func position(ofArgument index: Int) -> Int { call.arguments[index].startPosition }

    func error(_ kind: ExpressionError.Kind, _ message: String, at position: Int? = nil) -> ExpressionError {
        ExpressionError(kind: kind, message: message, expression: source, position: position ?? call.position)
    }

    /// An error that names the function, e.g. "function 'json' could not ...", at the call.
    func failure(_ kind: ExpressionError.Kind, _ detail: String, argument: Int? = nil) -> ExpressionError {
        error(kind, "function '\(function.name)' \(detail)", at: argument.map(position(ofArgument:)))
    }

    /// The standard type error for argument `index` (0-based; messages count from 1).
    func typeMismatch(_ index: Int, expected: String, got value: JSONValue? = nil) -> ExpressionError {
        let actual = value ?? arguments[index]
        return error(
            .type, "function '\(function.name)' expects \(expected) as argument \(index + 1) but got \(actual.typeName)",
            at: position(ofArgument: index))
    }

    func value(_ index: Int) -> JSONValue { arguments[index] }

    /// The error for text longer than ``Expression/maximumResultLength``, at the call.
    func resultTooLong() -> ExpressionError {
        failure(
            .limit,
            "would give a text longer than \(Expression.maximumResultLength) characters, the limit for a function's result")
    }

    /// Refuses a result of `length` UTF-16 units before it is built.
    func checkResultLength(_ length: Int) throws(ExpressionError) {
        if length > Expression.maximumResultLength { throw resultTooLong() }
    }

    func string(_ index: Int) throws(ExpressionError) -> String {
        guard case .string(let text) = arguments[index] else { throw typeMismatch(index, expected: "a string") }
        return text
    }

    /// Argument `index` as a string, or nil when the optional argument was left out.
    func optionalString(_ index: Int) throws(ExpressionError) -> String? {
        index < arguments.count ? try string(index) : nil
    }

    func integer(_ index: Int) throws(ExpressionError) -> Int {
        guard case .number(let number) = arguments[index], let int = number.intValue else {
            throw typeMismatch(index, expected: "an integer")
        }
        return int
    }

    /// Argument `index` as an integer, or nil when the optional argument was left out.
    func optionalInteger(_ index: Int) throws(ExpressionError) -> Int? {
        index < arguments.count ? try integer(index) : nil
    }

    func object(_ index: Int) throws(ExpressionError) -> JSONObject {
        guard case .object(let object) = arguments[index] else { throw typeMismatch(index, expected: "an object") }
        return object
    }

    /// Argument `index` as text: a string, or the UTF-8 text of binary or XML content (what
    /// `base64ToBinary()` and `xml()` give), which Logic Apps converts to text implicitly.
    func text(_ index: Int) throws(ExpressionError) -> String {
        if case .string(let text) = arguments[index] { return text }
        if let content = ContentEnvelope(arguments[index]) {
            guard let text = content.text else {
                throw failure(.runtime, "cannot read argument \(index + 1) as text: its content is not UTF-8", argument: index)
            }
            return text
        }
        throw typeMismatch(index, expected: "a string")
    }

    func number(_ index: Int) throws(ExpressionError) -> ExpressionNumber {
        guard case .number(let number) = arguments[index] else { throw typeMismatch(index, expected: "a number") }
        return ExpressionNumber(number)
    }

    func bool(_ index: Int) throws(ExpressionError) -> Bool {
        guard case .bool(let bool) = arguments[index] else { throw typeMismatch(index, expected: "a boolean") }
        return bool
    }

    func array(_ index: Int) throws(ExpressionError) -> [JSONValue] {
        guard case .array(let elements) = arguments[index] else { throw typeMismatch(index, expected: "an array") }
        return elements
    }
}

extension Expression {
    /// The column of the first character of this expression's text.
    var startPosition: Int {
        switch self {
        case .member(let base, _, _, _), .index(let base, _, _, _): base.startPosition
        default: position
        }
    }
}

extension String {
    /// Whether the text is longer than `limit` UTF-16 units (how Logic Apps counts characters).
    /// UTF-8 is never shorter than UTF-16, so the count is only taken when the cheap one is over.
    func isLonger(thanUTF16 limit: Int) -> Bool {
        utf8.count > limit && utf16.count > limit
    }
}
