import FuzzSupport
import HookflowModel

/// The JSON reader: any bytes either parse or give an error with a position inside the text, on
/// one line; what parses nests within the limit, and writing it (compact or pretty) and reading
/// that back gives the same value and, written again, the same text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data = bytes.map(UnsafeRawPointer.init) else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    let value: JSONValue
    do {
        value = try JSONParser.parse(bytes)
    } catch {
        fuzzCheck((0...count).contains(error.offset), "error offset \(error.offset) outside \(count) bytes")
        fuzzCheck(error.line >= 1 && error.column >= 1, "error at line \(error.line), column \(error.column)")
        fuzzCheck(!error.description.contains(where: \.isNewline), "error spans lines: \(error.description.debugDescription)")
        return 0
    }
    fuzzCheck(!value.nestsDeeper(), "accepted a value \(value.nestingDepth) levels deep")
    for writer in [JSONWriter.compact, JSONWriter(style: .pretty(indent: "  "))] {
        let text = writer.string(from: value)
        do {
            let again = try JSONParser.parse(text)
            fuzzCheck(again == value, "reading the written text gave another value: \(text.prefix(200).debugDescription)")
            fuzzCheck(writer.string(from: again) == text, "writing again changed the text: \(text.prefix(200).debugDescription)")
        } catch {
            fuzzCheck(false, "the written text does not read back: \(error): \(text.prefix(200).debugDescription)")
        }
    }
    return 0
}

@_cdecl("FuzzJSON_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzJSON)
}
