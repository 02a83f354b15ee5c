import Crypto
import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel

/// How a text or JSON column's value is packed (PackedText): each form read back to the same
/// text, the forms a column really gets, and what a damaged or newer value says.
struct PackedTextTests {
    let sealer = SecretSealer(key: SymmetricKey(size: .bits256))

    func roundTrip(_ value: DatabaseValue) throws -> String? {
        guard case .text(let text) = try PackedText.unpack(value, sealer: sealer) else { return nil }
        return text
    }

    /// A JSON document of about `bytes` bytes: an order with lines, as a webhook sends.
    static func document(bytes: Int) -> String {
        var lines: [JSONValue] = []
        var index = 0
        while lines.count * 60 < bytes {
            lines.append(["sku": .string("SKU-\(index)"), "qty": .int(index % 7), "note": .string("line \(index) ✓ ünïcödé")])
            index += 1
        }
        return JSONWriter.compact.string(from: ["order": ["id": 1234, "lines": .array(lines)]])
    }

    @Test(arguments: [0, 1, 100, PackedText.smallest - 1])
    func shortTextStaysText(_ length: Int) throws {
        let text = String(repeating: "a", count: length)
        let column = PackedText.clear(text)
        #expect(column == text.databaseValue)
        #expect(try roundTrip(column) == text)
    }

    @Test(arguments: [PackedText.smallest, 4_000, 1 << 20])
    func longTextIsDeflatedAndReadsBack(_ length: Int) throws {
        let text = Self.document(bytes: length)
        let column = PackedText.clear(text)
        guard case .blob(let data) = column.storage else {
            Issue.record("\(text.utf8.count) bytes of JSON stayed text")
            return
        }
        #expect(data.first == PackedText.Form.deflated.rawValue)
        #expect(data.count < text.utf8.count / 2, "\(data.count) bytes for \(text.utf8.count)")
        #expect(try roundTrip(column) == text)
    }

    @Test func aValueNeverGrows() throws {
        // Random printable text: deflate gains little, and what it keeps is never longer than the text.
        let text = String((0..<PackedText.smallest).map { _ in Character(Unicode.Scalar(UInt8.random(in: 32...126))) })
        guard case .blob(let data) = PackedText.clear(text).storage else { return }
        #expect(data.count < text.utf8.count)
        #expect(try roundTrip(PackedText.clear(text)) == text)
    }

    @Test(arguments: [0, 10, PackedText.smallest, 50_000])
    func sealedValuesReadBackAndShowNothingInClear(_ length: Int) throws {
        let secret = "PLANTED-\(UUID().uuidString)"
        let text = secret + Self.document(bytes: length)
        let column = try PackedText.sealed(text, with: sealer)
        guard case .blob(let data) = column.storage else {
            Issue.record("a sealed value is not a blob")
            return
        }
        #expect(data.first == PackedText.Form.sealed.rawValue)
        #expect(data.range(of: Data(secret.utf8)) == nil)
        #expect(try roundTrip(column) == text)
        // Deflated before sealing when long: the box is smaller than the text.
        if length >= PackedText.smallest { #expect(data.count < text.utf8.count / 2) }
    }

    @Test func sealedValuesOfOlderHookflowStillOpen() throws {
        let old = sealer.seal(#"{"method":"POST","uri":"https://example.com/off"}"#)
        #expect(old.hasPrefix("sealed:v1:"))
        #expect(try roundTrip(old.databaseValue) == #"{"method":"POST","uri":"https://example.com/off"}"#)
    }

    /// Values at the model's limits: nested ``JSONValue/maximumDepth`` deep, and a few megabytes.
    @Test func valuesAtTheLimitsReadBackAsTheSameJSON() throws {
        var deep: JSONValue = "bottom"
        for level in 0..<JSONValue.maximumDepth { deep = level % 2 == 0 ? ["a": deep] : [deep] }
        #expect(!deep.nestsDeeper(than: JSONValue.maximumDepth))
        let big: JSONValue = ["body": .string(String(repeating: "0123456789abcdef", count: 8 << 16))]  // 8 MB
        for value in [deep, big] {
            let text = JSONWriter.compact.string(from: value)
            for column in [PackedText.clear(text), try PackedText.sealed(text, with: sealer)] {
                let read = try #require(try roundTrip(column))
                #expect(try JSONParser.parse(read, maximumDepth: JSONValue.envelopeReadingDepth) == value)
            }
        }
    }

    @Test func theRecordedFormIsOneByteAndOnlyReadAsSuch() throws {
        #expect(PackedText.asRecorded == Data([0x03]).databaseValue)
        #expect(try PackedText.unpack(PackedText.asRecorded, sealer: sealer) == .asRecorded)
        #expect(try PackedText.unpack(.null, sealer: sealer) == nil)
    }

    // MARK: Damaged and newer values

    func problem(_ bytes: [UInt8]) -> PackedText.Problem? {
        do {
            _ = try PackedText.unpack(Data(bytes).databaseValue, sealer: sealer)
            return nil
        } catch let problem as PackedText.Problem {
            return problem
        } catch {
            return PackedText.Problem(message: "\(error)")
        }
    }

    @Test func aFormThisVersionDoesNotKnowMayBeNewer() {
        #expect(problem([0x7F, 1, 2, 3]) == PackedText.Problem(message: "holds 4 bytes of binary data in a form this version does not know", mayBeNewer: true))
        #expect(problem([]) == PackedText.Problem(message: "holds 0 bytes of binary data in a form this version does not know", mayBeNewer: true))
    }

    @Test func damagedDeflatedValuesAreProblemsNotCrashes() throws {
        guard case .blob(let good) = PackedText.clear(Self.document(bytes: 2_000)).storage else {
            Issue.record("not deflated")
            return
        }
        let bytes = [UInt8](good)
        // Cut short, length byte missing, nothing after the length, a length far beyond the data, bytes flipped.
        let damaged: [[UInt8]] = [
            Array(bytes.prefix(bytes.count / 2)), [0x01], [0x01, 0x10], [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00],
            [0x01] + Array(bytes.dropFirst()).map { $0 ^ 0x5A },
            // The length says one byte fewer than the text: the value does not fit it.
            [0x01, UInt8(truncatingIfNeeded: 0x7F)] + Array(bytes.dropFirst(3)),
        ]
        for value in damaged {
            let found = try #require(problem(value), "\(value.prefix(8)) read as a value")
            #expect(!found.mayBeNewer)
            #expect(found.message.hasPrefix("holds \(value.count) byte"), "\(found.message)")
        }
        #expect(problem([0x02, 0x00]) != nil, "a sealed box too short to be one")
    }

    @Test func aValueSealedWithAnotherKeyIsASealingError() throws {
        let other = SecretSealer(key: SymmetricKey(size: .bits256))
        let column = try PackedText.sealed("secret", with: other)
        #expect(throws: StoreError.self) { try PackedText.unpack(column, sealer: sealer) }
    }

    @Test func aSealedValueInAClearColumnIsAProblem() throws {
        let column = try PackedText.sealed("secret", with: sealer)
        #expect(throws: PackedText.Problem(message: "holds a sealed value where a clear one belongs")) { try PackedText.unpack(column, sealer: nil) }
    }

    @Test func lengthsRoundTrip() {
        for length in [0, 1, 127, 128, 16_383, 16_384, 100 << 20, Int(Int32.max)] {
            var data = Data()
            PackedText.appendLength(length, to: &data)
            var index = 0
            #expect(PackedText.readLength([UInt8](data), at: &index) == length)
            #expect(index == data.count)
        }
    }
}
