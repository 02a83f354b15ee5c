import Foundation

/// Arithmetic that keeps the digits a number was written with, for `decimal()` values.
///
/// The reference documents `string(add(decimal('1.2345678912312131'), decimal('1.2345678912312131')))`
/// as "2.4691357824624262", one digit more than a double holds. Numbers are kept as written
/// (``JSONNumber/literal``), so a number whose literal carries more digits than a double can
/// hold is computed in decimal; every other float still computes as a double, as Logic Apps
/// does (`add(0.1, 0.2)` stays 0.30000000000000004).
extension ExpressionNumber {
    static func precise(
        _ lhs: JSONValue, _ rhs: JSONValue, _ operation: (Decimal, Decimal) -> Decimal
    ) -> JSONValue? {
        guard case .number(let a) = lhs, case .number(let b) = rhs, exceedsDouble(a) || exceedsDouble(b),
            let x = decimal(a), let y = decimal(b)
        else { return nil }
        let result = operation(x, y)
        guard !result.isNaN, let literal = DecimalDigits(literal: result.description).map({ _ in result.description }) else { return nil }
        return .number(JSONNumber(validLiteral: literal.contains(".") ? literal : literal + ".0"))
    }

    /// Whether the literal has digits a double loses (1.2345678912312131, not 2.50).
    private static func exceedsDouble(_ number: JSONNumber) -> Bool {
        guard !number.isInteger, let written = DecimalDigits(literal: number.literal) else { return false }
        let double = number.doubleValue
        guard double.isFinite else { return false }
        return DecimalDigits(literal: "\(double)") != written
    }

    private static func decimal(_ number: JSONNumber) -> Decimal? {
        Decimal(string: number.literal, locale: Locale(identifier: "en_US_POSIX"))
    }
}
