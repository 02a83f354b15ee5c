import Foundation

/// Run identifiers: 26 characters of Crockford base32 (48-bit milliseconds, then 80 random
/// bits), so ids sort by start time and never collide in practice.
enum RunID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    static func make(at date: Date = Date()) -> String {
        var bytes = [UInt8](repeating: 0, count: 26)
        var time = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        for index in (0..<10).reversed() {
            bytes[index] = alphabet[Int(time & 31)]
            time >>= 5
        }
        // Two draws of the system generator give the 80 random bits (one `getrandom` each).
        var generator = SystemRandomNumberGenerator()
        var random = (generator.next() as UInt64, generator.next() as UInt64)
        for index in 10..<26 {
            bytes[index] = alphabet[Int(random.0 & 31)]
            random.0 >>= 5
            if index == 21 { random.0 = random.1 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
