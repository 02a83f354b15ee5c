import Foundation
import Testing
@testable import HookflowEngine

/// The byte-level encoders every callback goes through give exactly what Foundation's would.
struct FastEncodingTests {
    @Test func base64URLMatchesFoundationForEveryLength() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<80 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(CallbackSigner.base64URL(bytes) == expected, "\(length) bytes")
        }
    }

    @Test func percentEncodingMatchesFoundation() {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        for text in ["", "plain", "On new order", "/triggers/manual/run", "a+b&c=d%e", "naïve 注文 🚀", "~._-", "\u{0}\u{1F}"] {
            #expect(CallbackSigner.encode(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved), "\(text)")
        }
    }

    @Test func queriesAreDecodedLikeAFormEncoding() {
        let items = QueryString.items("api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&note=a%2Bb+c&empty=&flag&na%C3%AFve=%E6%B3%A8&bad=%zz&&x=%4")
        #expect(items.map(\.name) == ["api-version", "sp", "note", "empty", "flag", "naïve", "bad", "x"])
        #expect(items.map(\.value) == ["2016-10-01", "/triggers/manual/run", "a+b c", "", "", "注", "%zz", "%4"])
        #expect(QueryString.items(nil).isEmpty)
        #expect(QueryString.items("").isEmpty)
    }
}

/// API timestamps, written by hand, are what Foundation's ISO 8601 style writes.
struct TimestampTests {
    @Test func timestampsMatchTheISO8601Style() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt)
        var generator = SystemRandomNumberGenerator()
        let fixed: [Double] = [0, 0.999, 951_782_400.5, 1_709_164_799.123, 4_102_444_800, 253_402_300_799.999, 1_800_000_000]
        let random = (0..<2_000).map { _ in Double(Int64.random(in: 0...253_402_300_799_000, using: &generator)) / 1000 }
        for seconds in fixed + random {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamps.format(date) == date.formatted(style), "\(seconds)")
        }
    }
}
