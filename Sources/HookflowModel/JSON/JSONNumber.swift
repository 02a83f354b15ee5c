import Foundation

/// A JSON number that remembers how it was written.
///
/// Keeping the literal text makes a read → write round trip exact for integers beyond
/// 64 bits, `1.0` versus `1`, exponents and long fractions, while ``intValue`` and
/// ``doubleValue`` give the arithmetic view the expression engine needs.
public struct JSONNumber: Sendable, CustomStringConvertible {
    /// The number as written in JSON (always a valid JSON number literal).
    public let literal: String
    /// True when the literal has no fraction and no exponent (`42`, `-7`).
    public let isInteger: Bool

    /// Wraps a literal already checked by the parser.
    init(validLiteral: String) {
        self.literal = validLiteral
        self.isInteger = !validLiteral.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    }

    public init(_ value: Int) {
        self.literal = String(value)
        self.isInteger = true
    }

    /// A floating-point number; non-finite values have no JSON form and become `null` when written.
    public init(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            // Keep the float-ness visible: 2.0 stays "2.0", not "2".
            self.literal = String(format: "%.1f", value)
        } else if value.isFinite {
            self.literal = "\(value)"
        } else {
            self.literal = "null"
        }
        self.isInteger = false
    }

    /// The value as a Swift `Int` when it is an integer literal that fits.
    public var intValue: Int? { isInteger ? Int(literal) : nil }

    /// The value as a `Double` (large integers lose precision here, never in ``literal``).
    public var doubleValue: Double { Double(literal) ?? .nan }

    public var description: String { literal }
}

extension JSONNumber: Hashable {
    /// Numbers compare by value: `1` equals `1.0`; integers too large for `Int` compare by text.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let a = lhs.intValue, let b = rhs.intValue { return a == b }
        if lhs.isInteger, rhs.isInteger, lhs.intValue == nil || rhs.intValue == nil {
            return lhs.literal == rhs.literal
        }
        return lhs.doubleValue == rhs.doubleValue
    }

    public func hash(into hasher: inout Hasher) {
        if let int = intValue { hasher.combine(Double(int)) } else if isInteger { hasher.combine(literal) } else { hasher.combine(doubleValue) }
    }
}
