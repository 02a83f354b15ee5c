import Foundation
import Synchronization

/// Run identifiers: 26 characters of Crockford base32 (48-bit milliseconds, then 80 random
/// bits), so ids sort by start time and never collide in practice.
///
/// Within one millisecond the random part is the previous id's plus one (as ULID's monotonic
/// mode does), so ids made in the same millisecond sort in the order they were made and only the
/// first of each millisecond draws from the system generator (a `getrandom` call): at 10,000
/// runs a second that is one system call per ten runs, not two per run. Nothing relies on the
/// random part being unguessable: callback URLs are signed.
enum RunID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    private struct Last {
        var millisecond: UInt64 = 0
        /// The 80 random bits: 16 in `high`, 64 in `low`.
        var high: UInt64 = 0
        var low: UInt64 = 0
    }

    private static let last = Mutex(Last())

    static func make(at date: Date = Date()) -> String {
        let millisecond = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let (high, low) = last.withLock { last -> (UInt64, UInt64) in
            if millisecond == last.millisecond {
                last.low &+= 1
                if last.low == 0 { last.high = (last.high &+ 1) & 0xFFFF }
            } else {
                var generator = SystemRandomNumberGenerator()
                last.millisecond = millisecond
                // One bit of headroom so the increments of one millisecond do not wrap around.
                last.high = (generator.next() as UInt64) & 0x7FFF
                last.low = generator.next()
            }
            return (last.high, last.low)
        }
        var bytes = [UInt8](repeating: 0, count: 26)
        var time = millisecond
        for index in (0..<10).reversed() {
            bytes[index] = alphabet[Int(time & 31)]
            time >>= 5
        }
        // 80 bits, most significant first: 16 of `high`, then 64 of `low`.
        for index in 10..<26 {
            let shift = (25 - index) * 5
            let bits: UInt64 = shift >= 64 ? high >> (shift - 64) : (low >> shift) | (shift > 59 ? high << (64 - shift) : 0)
            bytes[index] = alphabet[Int(bits & 31)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
