import CLibFuzzer

/// A fuzz target's entry point: libFuzzer's signature, bytes in, 0 out.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer over `target` with the command line's options (what libFuzzer's own `main`
/// would do, for the executables where SwiftPM renames `main`).
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ target: FuzzTarget) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, target)
}
