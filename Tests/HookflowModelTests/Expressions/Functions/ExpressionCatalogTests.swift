import Testing
@testable import HookflowModel

@Suite struct ExpressionCatalogTests {
    /// Every function the specification lists, spelled as documented.
    static let documented = [
        "listCallbackUrl", "trigger", "triggerBody", "triggerOutputs", "body", "outputs", "actions", "parameters", "workflow",
        "concat", "string", "int", "float", "bool", "json", "coalesce", "equals", "not", "and", "or", "if", "greater", "less",
        "greaterOrEquals", "lessOrEquals", "contains", "length", "empty", "first", "last", "toLower", "toUpper", "trim",
        "startsWith", "endsWith", "indexOf", "substring", "replace", "split", "join", "guid", "utcNow", "addSeconds",
        "formatDateTime", "base64", "base64ToString", "encodeUriComponent", "decodeUriComponent", "createArray", "add", "sub",
        "mul", "div", "mod", "min", "max",
    ]

    @Test func catalogHasExactlyTheDocumentedFunctions() {
        #expect(Set(ExpressionFunction.catalog.values.map(\.name)) == Set(Self.documented))
        for name in Self.documented {
            #expect(ExpressionFunction.named(name.lowercased())?.name == name)
        }
        #expect(ExpressionFunction.named("variables") == nil)
    }

    @Test func bracesAndEscapesInsideStringLiterals() throws {
        // A '}' inside a quoted string does not end the interpolation, and '@@' inside one is not an escape.
        #expect(try ExpressionTestSupport.evaluate("a @{concat('}', '@@', '{')} b") == "a }@@{ b")
        #expect(try ExpressionTestSupport.evaluate("@concat('@{x}', '@@')") == "@{x}@@")
    }
}
