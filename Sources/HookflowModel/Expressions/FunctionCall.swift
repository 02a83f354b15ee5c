/// One function call in an expression: its lowercased name, where it starts, and its arguments.
///
/// The name is lowercased because Logic Apps function names are case-insensitive; the
/// validator and the evaluator both look functions up by this form.
public struct FunctionCall: Sendable, Equatable {
    /// The function name, lowercased (`listcallbackurl` for `listCallBackUrl`).
    public let name: String
    /// 1-based column of the first character of the name in the whole string value.
    public let position: Int
    public let arguments: [Expression]

    public init(name: String, position: Int, arguments: [Expression]) {
        self.name = name.lowercased()
        self.position = position
        self.arguments = arguments
    }
}
