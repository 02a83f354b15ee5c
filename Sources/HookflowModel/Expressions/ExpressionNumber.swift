/// A number as arithmetic sees it: an exact integer, or a floating-point value.
///
/// Integer-only arithmetic stays exact (and integer division truncates, as in Logic Apps);
/// as soon as a float is involved the result is a float.
enum ExpressionNumber: Sendable, Equatable {
    case integer(Int)
    case float(Double)

    /// Integers that do not fit in `Int` become floats: they cannot be computed with exactly anyway.
    init(_ number: JSONNumber) {
        if let int = number.intValue { self = .integer(int) } else { self = .float(number.doubleValue) }
    }

    var doubleValue: Double {
        switch self {
        case .integer(let int): Double(int)
        case .float(let double): double
        }
    }

    var isZero: Bool { doubleValue == 0 }

    var jsonValue: JSONValue {
        switch self {
        case .integer(let int): .int(int)
        case .float(let double): .double(double)
        }
    }

    /// Orders two numbers; integers compare exactly, anything else as doubles.
    static func compare(_ lhs: ExpressionNumber, _ rhs: ExpressionNumber) -> Order {
        if case .integer(let a) = lhs, case .integer(let b) = rhs {
            return a < b ? .less : (a == b ? .equal : .greater)
        }
        let a = lhs.doubleValue, b = rhs.doubleValue
        return a < b ? .less : (a == b ? .equal : .greater)
    }

    /// How two values compare; Foundation's `ComparisonResult` would need the Objective-C spelling.
    /// The result of comparing two values.
    enum Order { case less, equal, greater }
}
