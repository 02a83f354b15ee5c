import Foundation

/// A property every fuzz input must keep; a broken one stops the fuzzer like a crash, and its
/// message says which property and shows the input's key values.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    guard !condition else { return }
    FileHandle.standardError.write(Data("\nproperty broken at \(file):\(line): \(message())\n".utf8))
    abort()
}

/// The fuzzer's bytes as text (invalid UTF-8 becomes U+FFFD, as a server decoding a body would).
public func fuzzText(_ data: UnsafeRawPointer, _ count: Int) -> String {
    String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
}
