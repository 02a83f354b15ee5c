import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Faults the crash tests plant in a real `hookflow serve`, named in `HOOKFLOW_FAULTS`
/// (comma-separated); inert when the variable is unset, as it always is outside tests.
///
/// - `crash-before-action=NAME`: the process aborts when a run is about to start the action NAME,
///   as an engine bug triggered by one run's input would (the crash-loop guard's test).
struct FaultInjection: Sendable {
    private let crashBeforeActions: Set<String>

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        var names: Set<String> = []
        for item in (environment["HOOKFLOW_FAULTS"] ?? "").split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "crash-before-action" { names.insert(parts[1]) }
        }
        crashBeforeActions = names
    }

    var isEmpty: Bool { crashBeforeActions.isEmpty }

    func crashIfPlanted(beforeAction name: String) {
        guard crashBeforeActions.contains(name) else { return }
        FileHandle.standardError.write(Data("hookflow: HOOKFLOW_FAULTS crash-before-action=\(name): aborting\n".utf8))
        // No core file for a planted crash.
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
        abort()
    }
}
