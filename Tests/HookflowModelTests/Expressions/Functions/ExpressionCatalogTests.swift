import Testing
@testable import HookflowModel

/// The function catalog against the Logic Apps reference: every documented function, with the
/// argument counts its documented syntax allows, known to both the parser (hence the validator)
/// and the evaluator through the one catalog.
@Suite struct ExpressionCatalogTests {
    /// Every function of "Reference guide to workflow expression functions", spelled as
    /// documented, with the argument counts its syntax allows (nil: any number from the minimum).
    /// The last three are documented elsewhere: actionBody() and actionOutputs() in earlier
    /// editions of the reference, appsetting() for Standard workflows.
    static let reference: [(name: String, minimum: Int, maximum: Int?)] = [
        ("action", 0, 0), ("actions", 1, 1), ("add", 2, 2), ("addDays", 2, 3), ("addHours", 2, 3), ("addMinutes", 2, 3),
        ("addProperty", 3, 3), ("addSeconds", 2, 3), ("addToTime", 3, 4), ("and", 2, nil), ("array", 1, 1),
        ("base64", 1, 1), ("base64ToBinary", 1, 1), ("base64ToString", 1, 1), ("binary", 1, 1), ("body", 1, 1), ("bool", 1, 1),
        ("chunk", 2, 2), ("coalesce", 1, nil), ("concat", 1, nil), ("contains", 2, 2), ("convertFromUtc", 2, 3),
        ("convertTimeZone", 3, 4), ("convertToUtc", 2, 3), ("createArray", 1, nil),
        ("dataUri", 1, 1), ("dataUriToBinary", 1, 1), ("dataUriToString", 1, 1), ("dateDifference", 2, 2), ("dayOfMonth", 1, 1),
        ("dayOfWeek", 1, 1), ("dayOfYear", 1, 1), ("decimal", 1, 1), ("decodeBase64", 1, 1), ("decodeDataUri", 1, 1),
        ("decodeUriComponent", 1, 1), ("div", 2, 2),
        ("encodeUriComponent", 1, 1), ("empty", 1, 1), ("endsWith", 2, 2), ("equals", 2, 2),
        ("first", 1, 1), ("float", 1, 2), ("formatDateTime", 1, 3), ("formDataMultiValues", 2, 2), ("formDataValue", 2, 2),
        ("formatNumber", 2, 3),
        ("getFutureTime", 2, 3), ("getPastTime", 2, 3), ("greater", 2, 2), ("greaterOrEquals", 2, 2), ("guid", 0, 1),
        ("if", 3, 3), ("indexOf", 2, 2), ("int", 1, 1), ("intersection", 1, nil), ("isFloat", 1, 2), ("isInt", 1, 1),
        ("item", 0, 0), ("items", 1, 1), ("iterationIndexes", 1, 1),
        ("join", 2, 2), ("json", 1, 1),
        ("last", 1, 1), ("lastIndexOf", 2, 2), ("length", 1, 1), ("less", 2, 2), ("lessOrEquals", 2, 2), ("listCallbackUrl", 0, 0),
        ("max", 1, nil), ("min", 1, nil), ("mod", 2, 2), ("mul", 2, 2), ("multipartBody", 2, 2),
        ("not", 1, 1), ("nthIndexOf", 3, 3),
        ("or", 2, nil), ("outputs", 1, 1),
        ("parameters", 1, 1), ("parseDateTime", 1, 3),
        ("rand", 2, 2), ("range", 2, 2), ("removeProperty", 2, 2), ("replace", 3, 3), ("result", 1, 1), ("reverse", 1, 1),
        ("setProperty", 3, 3), ("skip", 2, 2), ("slice", 2, 3), ("sort", 1, 2), ("split", 2, 2), ("startOfDay", 1, 2),
        ("startOfHour", 1, 2), ("startOfMonth", 1, 2), ("startsWith", 2, 2), ("string", 1, 1), ("sub", 2, 2),
        ("substring", 2, 3), ("subtractFromTime", 3, 4),
        ("take", 2, 2), ("ticks", 1, 1), ("toLower", 1, 1), ("toUpper", 1, 1), ("trigger", 0, 0), ("triggerBody", 0, 0),
        ("triggerFormDataMultiValues", 1, 1), ("triggerFormDataValue", 1, 1), ("triggerMultipartBody", 1, 1),
        ("triggerOutputs", 0, 0), ("trim", 1, 1),
        ("union", 1, nil), ("uriComponent", 1, 1), ("uriComponentToBinary", 1, 1), ("uriComponentToString", 1, 1),
        ("uriHost", 1, 1), ("uriPath", 1, 1), ("uriPathAndQuery", 1, 1), ("uriPort", 1, 1), ("uriQuery", 1, 1),
        ("uriScheme", 1, 1), ("utcNow", 0, 1),
        ("variables", 1, 1), ("workflow", 0, 0), ("xml", 1, 1), ("xpath", 2, 2),
        ("actionBody", 1, 1), ("actionOutputs", 1, 1), ("appsetting", 1, 1),
    ]

    @Test func catalogHasExactlyTheReferenceFunctions() {
        #expect(Self.reference.count == 128)
        #expect(Set(ExpressionFunction.catalog.values.map(\.name)) == Set(Self.reference.map(\.name)))
        #expect(ExpressionFunction.catalog.count == Self.reference.count)
    }

    @Test(arguments: ExpressionCatalogTests.reference.map { ArityCase(name: $0.name, minimum: $0.minimum, maximum: $0.maximum) })
    func eachFunctionHasItsDocumentedArguments(_ entry: ArityCase) throws {
        let function = try #require(ExpressionFunction.named(entry.name.lowercased()))
        #expect(function.name == entry.name)
        #expect(function.minimumArguments == entry.minimum)
        #expect(function.maximumArguments == entry.maximum)
        // The parser (what validation runs) accepts the documented count in any case of the name…
        let arguments = Array(repeating: "1", count: entry.minimum).joined(separator: ", ")
        #expect(ExpressionTestSupport.parseFailure("@\(entry.name.uppercased())(\(arguments))") == nil)
        // …and refuses one argument too many, naming the function as documented.
        if let maximum = entry.maximum {
            let tooMany = Array(repeating: "1", count: maximum + 1).joined(separator: ", ")
            let error = try #require(ExpressionTestSupport.parseFailure("@\(entry.name)(\(tooMany))"))
            #expect(error.kind == .arity)
            #expect(error.message.hasPrefix("function '\(entry.name)' expects "))
        }
    }

    @Test func unknownFunctionsAreRefusedByTheParserAndTheEvaluator() {
        let parsed = ExpressionTestSupport.parseFailure("@variable('x')")
        #expect(parsed?.kind == .unknownFunction)
        #expect(parsed?.message == "unknown function 'variable'")
        let evaluated = ExpressionTestSupport.failure("@concat(nope())")
        #expect(evaluated?.kind == .unknownFunction)
        #expect(evaluated?.position == 9)
    }

    @Test func bracesAndEscapesInsideStringLiterals() throws {
        // A '}' inside a quoted string does not end the interpolation, and '@@' inside one is not an escape.
        #expect(try ExpressionTestSupport.evaluate("a @{concat('}', '@@', '{')} b") == "a }@@{ b")
        #expect(try ExpressionTestSupport.evaluate("@concat('@{x}', '@@')") == "@{x}@@")
    }
}

/// One catalog entry as a test argument.
struct ArityCase: Sendable, CustomStringConvertible {
    let name: String
    let minimum: Int
    let maximum: Int?
    var description: String { name }
}
