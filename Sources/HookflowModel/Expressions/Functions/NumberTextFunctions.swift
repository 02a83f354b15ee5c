/// Numbers as text: formatting them, and telling whether a text is one.
extension ExpressionFunction {
    static let numberTextFunctions: [ExpressionFunction] = [
        ExpressionFunction("formatNumber", arguments: 2...3) { call throws(ExpressionError) in
            guard case .number(let number) = call.value(0), let digits = DecimalDigits(literal: number.literal) else {
                throw call.typeMismatch(0, expected: "a number")
            }
            let format = try call.string(1)
            let culture = try call.culture(2)
            do throws(NumericFormat.Problem) {
                return .string(try NumericFormat.format(digits, isInteger: number.isInteger, format, culture: culture))
            } catch {
                throw call.failure(.runtime, "cannot use the format '\(format)': \(error.message)", argument: 1)
            }
        },
        ExpressionFunction("isInt", arguments: 1...1) { call throws(ExpressionError) in
            .bool(NumberText.integer(try call.string(0)) != nil)
        },
        ExpressionFunction("isFloat", arguments: 1...2) { call throws(ExpressionError) in
            let text = try call.string(0), culture = try call.culture(1)
            guard let literal = NumberText.decimalLiteral(text, culture: culture, lenient: false) else { return .bool(false) }
            return .bool(Double(literal)?.isFinite ?? false)
        },
    ]
}
