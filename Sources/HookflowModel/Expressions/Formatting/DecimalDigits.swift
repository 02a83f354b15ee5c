/// A number as its decimal digits, exactly as written: what .NET's number formatting works on.
///
/// Built from a JSON number's literal, so `formatNumber(17.35, 'F1')` rounds the 17.35 that was
/// written, not the binary double closest to it.
struct DecimalDigits: Equatable {
    var isNegative: Bool
    /// Significant digits (0...9), without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// How many of the digits come before the decimal point (negative or past the end for small
    /// and large numbers): 1.5 is [1, 5] at 1, 0.05 is [5] at -1, 1500 is [1, 5] at 4.
    var point: Int

    init(isNegative: Bool, digits: [UInt8], point: Int) {
        self.isNegative = isNegative
        self.digits = digits
        self.point = point
        normalize()
    }

    /// The digits of a JSON number literal (`-12.5e3`); nil for anything else.
    init?(literal: String) {
        var characters = Substring(literal)
        isNegative = characters.first == "-"
        if isNegative { characters = characters.dropFirst() }
        var exponent = 0
        if let e = characters.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(characters[characters.index(after: e)...].drop { $0 == "+" }) else { return nil }
            exponent = value
            characters = characters[..<e]
        }
        let parts = characters.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else { return nil }
        let all = parts.joined()
        guard all.allSatisfy(\.isASCIIDigit) else { return nil }
        digits = all.compactMap { $0.asciiValue.map { $0 - 48 } }
        point = parts[0].count + exponent
        normalize()
    }

    init(_ value: Int) {
        let digits = String(value.magnitude).compactMap { $0.asciiValue.map { $0 - 48 } }
        self.init(isNegative: value < 0, digits: digits, point: digits.count)
    }

    var isZero: Bool { digits.isEmpty }

    private mutating func normalize() {
        let leading = digits.prefix { $0 == 0 }.count
        digits.removeFirst(leading)
        point -= leading
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { point = 0 }
    }

    /// Rounds half away from zero, as .NET formatting does, keeping `count` digits after the point.
    mutating func round(fractionDigits count: Int) {
        round(keeping: point + count)
    }

    /// Rounds half away from zero to `count` significant digits.
    mutating func round(significantDigits count: Int) {
        round(keeping: count)
    }

    private mutating func round(keeping kept: Int) {
        guard kept < digits.count else { return }
        guard kept >= 0 else {
            digits = []
            normalize()
            return
        }
        let roundsUp = digits[kept] >= 5
        digits.removeLast(digits.count - kept)
        if roundsUp {
            var index = digits.count - 1
            while index >= 0, digits[index] == 9 {
                digits[index] = 0
                index -= 1
            }
            if index >= 0 {
                digits[index] += 1
            } else {
                digits.insert(1, at: 0)
                point += 1
            }
        }
        normalize()
    }

    /// The digits before the point, most significant first; empty for numbers below 1.
    var integerDigits: [UInt8] {
        guard point > 0 else { return [] }
        return (0..<point).map { $0 < digits.count ? digits[$0] : 0 }
    }

    /// The digits after the point, without trailing zeros.
    var fractionDigits: [UInt8] {
        guard digits.count > point else { return [] }
        return (point..<digits.count).map { $0 < 0 ? 0 : digits[$0] }
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}
