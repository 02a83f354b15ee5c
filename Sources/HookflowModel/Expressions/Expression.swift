/// Expression AST with source positions (1-based column within the whole string value).
///
/// Every node keeps the column where it starts, so evaluation errors can point at the
/// argument or member access at fault, not only at the whole expression.
public indirect enum Expression: Sendable, Equatable {
    /// A single-quoted string literal, with `''` already turned into `'`.
    case string(String, position: Int)
    /// A number literal such as `42`, `-1` or `2.5`, kept as written.
    case number(JSONNumber, position: Int)
    case bool(Bool, position: Int)
    case null(position: Int)
    case call(FunctionCall)
    /// `base.name` or, when `nullSafe`, `base?.name`. `position` is the column of the `.` or `?`.
    ///
    /// Null-safe access gives null when the base is null or has no such property; it does not
    /// short-circuit the rest of a chain (write `a?.b?.c`), and a base of another type is still an error.
    case member(Expression, name: String, nullSafe: Bool, position: Int)
    /// `base[index]` or, when `nullSafe`, `base?[index]`. `position` is the column of the `[` or `?`.
    ///
    /// A string index reads an object property, an integer index an array element; null-safe
    /// indexing gives null for a null base, a missing property or an index out of range.
    case index(Expression, Expression, nullSafe: Bool, position: Int)

    /// The column where this node starts (for member and index nodes: the accessor itself).
    public var position: Int {
        switch self {
        case .string(_, let position), .number(_, let position), .bool(_, let position), .null(let position):
            position
        case .call(let call):
            call.position
        case .member(_, _, _, let position), .index(_, _, _, let position):
            position
        }
    }

    /// Every function call in this expression in source order (a call comes before its arguments).
    public var functionCalls: [FunctionCall] {
        var calls: [FunctionCall] = []
        collectCalls(into: &calls)
        return calls
    }

    func collectCalls(into calls: inout [FunctionCall]) {
        switch self {
        case .string, .number, .bool, .null:
            break
        case .call(let call):
            calls.append(call)
            for argument in call.arguments { argument.collectCalls(into: &calls) }
        case .member(let base, _, _, _):
            base.collectCalls(into: &calls)
        case .index(let base, let index, _, _):
            base.collectCalls(into: &calls)
            index.collectCalls(into: &calls)
        }
    }
}
