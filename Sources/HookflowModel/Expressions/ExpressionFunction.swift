/// One built-in function: its canonical name, how many arguments it takes, and what it does.
struct ExpressionFunction: Sendable {
    typealias Body = @Sendable (FunctionInvocation) throws(ExpressionError) -> JSONValue

    /// The name as documented (`toUpper`), used in error messages.
    let name: String
    let minimumArguments: Int
    /// Nil for functions that take any number of arguments from the minimum up.
    let maximumArguments: Int?
    /// When true the body evaluates arguments itself (`if` evaluates only the chosen branch).
    let evaluatesArgumentsLazily: Bool
    let body: Body

    init(_ name: String, arguments: ClosedRange<Int>, lazy: Bool = false, body: @escaping Body) {
        self.name = name
        self.minimumArguments = arguments.lowerBound
        self.maximumArguments = arguments.upperBound
        self.evaluatesArgumentsLazily = lazy
        self.body = body
    }

    init(_ name: String, atLeast minimum: Int, body: @escaping Body) {
        self.name = name
        self.minimumArguments = minimum
        self.maximumArguments = nil
        self.evaluatesArgumentsLazily = false
        self.body = body
    }

    /// A message like "function 'substring' expects 2 or 3 arguments but got 1", or nil when the count fits.
    func arityProblem(argumentCount: Int) -> String? {
        if argumentCount >= minimumArguments, maximumArguments.map({ argumentCount <= $0 }) ?? true { return nil }
        return "function '\(name)' expects \(expectedArguments) but got \(argumentCount)"
    }

    private var expectedArguments: String {
        func plural(_ count: Int) -> String { count == 1 ? "1 argument" : "\(count) arguments" }
        guard let maximum = maximumArguments else { return "at least \(plural(minimumArguments))" }
        switch maximum - minimumArguments {
        case 0: return maximum == 0 ? "no arguments" : plural(maximum)
        case 1: return "\(minimumArguments) or \(maximum) arguments"
        default: return "\(minimumArguments) to \(maximum) arguments"
        }
    }

    /// Whether the function builds new text that can be longer than its arguments (`concat`,
    /// `replace`, `base64`, a date format...): such text is held to
    /// ``Expression/maximumResultLength``, as Logic Apps does for `concat()`, `base64()` and
    /// `string()`. A new function of that kind belongs in this list.
    var buildsText: Bool { Self.textBuilders.contains(name.lowercased()) }

    private static let textBuilders: Set<String> = [
        "concat", "join", "replace", "string", "base64", "encodeuricomponent", "uricomponent", "toupper", "tolower",
        "formatdatetime", "utcnow", "addseconds", "addminutes", "addhours", "adddays", "addtotime", "subtractfromtime",
        "getfuturetime", "getpasttime", "startofday", "startofhour", "startofmonth", "convertfromutc", "converttoutc",
        "converttimezone", "parsedatetime", "formatnumber", "datauri", "guid",
    ]

    /// Looks a function up by its lowercased name.
    static func named(_ lowercasedName: String) -> ExpressionFunction? { catalog[lowercasedName] }

    /// Every built-in function, keyed by lowercased name (function names are case-insensitive).
    static let catalog: [String: ExpressionFunction] = {
        let groups = [
            referenceFunctions, runStateFunctions, formDataFunctions, stringFunctions, stringSearchFunctions,
            numberTextFunctions, conversionFunctions, binaryFunctions, logicalFunctions, comparisonFunctions,
            collectionFunctions, collectionShapeFunctions, collectionSetFunctions, mathFunctions, dateTimeFunctions,
            dateTimeArithmeticFunctions, dateTimePartFunctions, timeZoneFunctions, encodingFunctions, uriFunctions,
            objectFunctions, xmlFunctions,
        ]
        var catalog: [String: ExpressionFunction] = [:]
        for function in groups.joined() {
            precondition(catalog[function.name.lowercased()] == nil, "function '\(function.name)' is defined twice")
            catalog[function.name.lowercased()] = function
        }
        return catalog
    }()
}
