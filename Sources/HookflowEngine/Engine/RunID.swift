import Foundation

/// Run identifiers: 26 characters of Crockford base32 (48-bit milliseconds, then 80 random
/// bits), so ids sort by start time and never collide in practice.
enum RunID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func make(at date: Date = Date()) -> String {
        var value = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var time = [Character](repeating: "0", count: 10)
        for index in (0..<10).reversed() {
            time[index] = alphabet[Int(value & 31)]
            value >>= 5
        }
        var generator = SystemRandomNumberGenerator()
        let random = (0..<16).map { _ in alphabet[Int(generator.next() & 31)] }
        return String(time + random)
    }
}
