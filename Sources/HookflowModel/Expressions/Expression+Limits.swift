/// The documented limits of one expression: what no definition or run can go beyond.
///
/// Every walk over an ``Expression`` (evaluation, ``Expression/functionCalls``, equality, even
/// freeing it) recurses once per level, so the parser refuses a tree deeper than
/// ``maximumDepth`` before anything walks it; with ``maximumLength`` and ``maximumResultLength``
/// that bounds the stack, the time and the memory one evaluation can take.
extension Expression {
    /// The deepest expression tree accepted. Each function call, each `[...]` index and each `.`
    /// or `?.` member access is one level, so `triggerBody()?.a?.b` is 3 levels deep and
    /// `string(string(1))` is 3 too.
    ///
    /// Logic Apps documents no nesting limit, only 8,192 characters, which would still allow
    /// about 4,000 levels (`.x` repeated). Real expressions stay below 20 (a few nested calls, a
    /// few accessors); 128 leaves room for generated ones and keeps the deepest evaluation to a
    /// few hundred stack frames, far below the smallest stack it runs on (a Swift task's).
    public static let maximumDepth = 128

    /// The longest text of one expression, in characters: the whole value after `@`, or what is
    /// inside one `@{...}`. The same as Logic Apps' "characters per expression", so a definition
    /// that loads there loads here.
    public static let maximumLength = 8_192

    /// The longest text a function may produce, in UTF-16 units as Logic Apps counts them. Logic
    /// Apps documents this limit for `concat()`, `base64()` and `string()`; Hookflow applies it
    /// to every function that returns text, because nested `replace()` or `base64()` calls would
    /// otherwise grow a short expression's result exponentially.
    public static let maximumResultLength = 131_072

    /// Levels of this tree: 1 for a literal or a call without arguments, 2 for `f(1)` or `a.b`.
    /// Measured with an explicit stack, so it is safe on a tree of any depth.
    public var depth: Int {
        var deepest = 0
        var pending: [(node: Expression, level: Int)] = [(self, 1)]
        while let (node, level) = pending.popLast() {
            deepest = max(deepest, level)
            switch node {
            case .string, .number, .bool, .null:
                break
            case .call(let call):
                for argument in call.arguments { pending.append((argument, level + 1)) }
            case .member(let base, _, _, _):
                pending.append((base, level + 1))
            case .index(let base, let index, _, _):
                pending.append((base, level + 1))
                pending.append((index, level + 1))
            }
        }
        return deepest
    }
}
