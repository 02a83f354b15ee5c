import CompressNIO
import Foundation
import GRDB
import NIOCore

/// How the store keeps a text or JSON value in a column: short text as text, longer text
/// deflated, secrets sealed — each as small as it goes, so that a waiting run costs little disk
/// (SPEC §6: ≤ 1.5 KB each).
///
/// A column holds either text (what older Hookflow always wrote: the JSON itself, or
/// `sealed:v1:` and base64 for a sealed value; still written for clear values under
/// ``smallest`` bytes), or a blob whose first byte says what follows:
///
/// | first byte | then |
/// | --- | --- |
/// | `0x01` deflated | the text's length in UTF-8 bytes (LEB128), then its raw deflate (RFC 1951) |
/// | `0x02` sealed | AES-GCM nonce, ciphertext and tag (``SecretSealer``) of `0x00` + the UTF-8 text, or of a deflated blob (`0x01` …) |
/// | `0x03` as recorded | nothing: the value is the one the row already shows in clear (a webhook action's unsubscribe request that holds no secret is its recorded `inputs.unsubscribe`) |
///
/// A blob that starts with another byte was written by a newer Hookflow.
///
/// ```swift
/// let column = PackedText.clear(json)                  // text, or 0x01 + deflate
/// let secret = try PackedText.sealed(json, with: sealer) // 0x02 + sealed box
/// let text = try PackedText.unpack(column, sealer: sealer)
/// ```
enum PackedText {
    /// Below this many UTF-8 bytes a value stays text. Deflating one costs about 5 µs however
    /// small it is (zlib's set-up and code tables, measured here), for at most ~150 bytes saved:
    /// not worth it on the trigger callback's path, where the writer thread does it.
    static let smallest = 512

    enum Form: UInt8 {
        case plain = 0x00
        case deflated = 0x01
        case sealed = 0x02
        case asRecorded = 0x03
    }

    /// The column value for "the same as the value the row shows in clear" (``Form/asRecorded``).
    static let asRecorded = Data([Form.asRecorded.rawValue]).databaseValue

    // MARK: Writing

    /// `text` as text when short or when deflating does not make it smaller, else deflated.
    static func clear(_ text: String) -> DatabaseValue {
        guard text.utf8.count >= smallest, let deflated = deflated(text) else { return text.databaseValue }
        return deflated.databaseValue
    }

    /// `text` sealed (deflated first when that makes it smaller).
    static func sealed(_ text: String, with sealer: SecretSealer) throws -> DatabaseValue {
        let plain = (text.utf8.count >= smallest ? deflated(text) : nil) ?? Data([Form.plain.rawValue]) + Data(text.utf8)
        guard let box = sealer.seal(bytes: plain) else { throw StoreError.sealing("the system could not seal a value (no random numbers?); nothing was written") }
        return (Data([Form.sealed.rawValue]) + box).databaseValue
    }

    /// `0x01`, the length, raw deflate; nil when that is not shorter than the text.
    static func deflated(_ text: String) -> Data? {
        let bytes = text.utf8.count
        var input = ByteBufferAllocator().buffer(string: text)
        // The window need not be larger than the text (2^9 ... 2^15 bytes): less memory to set up
        // (zlib's defaults cost ~58 µs of CPU for 400 bytes here, mostly clearing their tables; this ~6 µs).
        // Level 1: on JSON it deflates as well as level 6 up to a few KB, at twice the speed
        // (~300 MB/s here); larger ones come out 20–35 % larger than at level 6.
        let window = Int32(min(15, max(9, Int.bitWidth - (bytes - 1).leadingZeroBitCount)))
        guard let compressor = try? ZlibCompressor(algorithm: .deflate, configuration: ZlibConfiguration(windowSize: window, compressionLevel: 1,
                                                                                                         memoryLevel: min(8, window - 6)))
        else { return nil }
        var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input))
        guard (try? compressor.deflate(from: &input, to: &output, flush: .finish)) != nil else { return nil }
        var result = Data([Form.deflated.rawValue])
        appendLength(bytes, to: &result)
        guard result.count + output.readableBytes < bytes else { return nil }
        result.append(contentsOf: output.readableBytesView)
        return result
    }

    // MARK: Reading

    /// Why a column's value cannot be read: what it holds (never its text: it may be a secret).
    struct Problem: Error, Equatable {
        let message: String
        /// Well-formed but unknown here: a newer Hookflow may have written it.
        var mayBeNewer = false
    }

    /// The text a column holds, however it was written; nil for NULL. `sealer` opens sealed
    /// values (text `sealed:v1:` or blob `0x02`): a column read without one holds clear values
    /// only. ``Form/asRecorded`` is for the caller to resolve.
    static func unpack(_ value: DatabaseValue, sealer: SecretSealer?) throws -> Unpacked? {
        switch value.storage {
        case .null: return nil
        case .string(let text): return .text(try sealer?.open(text) ?? text)
        case .blob(let data): return try unpack(blob: data, sealer: sealer)
        case .int64, .double: throw Problem(message: "is a number, not text")
        }
    }

    /// A column's value read back: its text, or ``Form/asRecorded``.
    enum Unpacked: Equatable {
        case text(String)
        case asRecorded
    }

    private static func unpack(blob data: Data, sealer: SecretSealer?, insideSeal: Bool = false) throws -> Unpacked {
        let bytes = [UInt8](data)
        let size = "\(bytes.count) byte\(bytes.count == 1 ? "" : "s") of binary data"
        guard let first = bytes.first, let form = Form(rawValue: first) else {
            throw Problem(message: "holds \(size) in a form this version does not know", mayBeNewer: true)
        }
        switch form {
        case .plain where insideSeal:
            guard let text = String(validating: bytes.dropFirst(), as: UTF8.self) else { throw Problem(message: "holds a sealed value that is not UTF-8 text") }
            return .text(text)
        case .deflated:
            return .text(try inflated(bytes, size: size))
        case .sealed where !insideSeal:
            guard let sealer else { throw Problem(message: "holds a sealed value where a clear one belongs") }
            guard let plain = sealer.open(bytes: Data(bytes.dropFirst())) else { throw StoreError.sealing(SecretSealer.doesNotOpen) }
            return try unpack(blob: plain, sealer: sealer, insideSeal: true)
        case .asRecorded where !insideSeal && bytes.count == 1:
            return .asRecorded
        case .plain, .sealed, .asRecorded:
            throw Problem(message: "holds \(size) that are not packed text (a \(form) value where it cannot be)")
        }
    }

    /// Deflate never makes more than about 1,032 bytes of one; a length beyond that is damage.
    private static let largestRatio = 1_032

    private static func inflated(_ bytes: [UInt8], size: String) throws -> String {
        var index = 1
        guard let length = readLength(bytes, at: &index), index < bytes.count, length <= (bytes.count - index) * largestRatio else {
            throw Problem(message: "holds \(size) whose deflated length is damaged")
        }
        var input = ByteBufferAllocator().buffer(bytes: bytes[index...])
        var output = ByteBufferAllocator().buffer(capacity: max(length, 1))
        do {
            let decompressor = try ZlibDecompressor(algorithm: .deflate, windowSize: 15)
            try decompressor.inflate(from: &input, to: &output)
        } catch {
            throw Problem(message: "holds \(size) that do not inflate (\(error))")
        }
        guard output.readableBytes == length, let text = output.readString(length: length) else {
            throw Problem(message: "holds \(size) that inflate to \(output.readableBytes) bytes, not the \(length) recorded")
        }
        return text
    }

    // MARK: Scanning a file

    /// Every deflated clear value in the database, as text: what a byte-by-byte scan of the file
    /// cannot read (a test that looks for planted secrets scans these too). Sealed values stay
    /// sealed.
    static func deflatedTexts(in db: Database) throws -> [String] {
        var texts: [String] = []
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
            while let row = try rows.next() {
                for value in row.databaseValues {
                    guard case .blob(let data) = value.storage, data.first == Form.deflated.rawValue,
                        case .text(let text)? = try? unpack(value, sealer: nil)
                    else { continue }
                    texts.append(text)
                }
            }
        }
        return texts
    }

    // MARK: Lengths (LEB128: 7 bits a byte, low bits first)

    static func appendLength(_ length: Int, to data: inout Data) {
        var rest = UInt64(length)
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            data.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
    }

    static func readLength(_ bytes: [UInt8], at index: inout Int) -> Int? {
        var length = 0
        var shift = 0
        while index < bytes.count, shift < 35 {
            let byte = bytes[index]
            index += 1
            length |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return length }
            shift += 7
        }
        return nil
    }
}
