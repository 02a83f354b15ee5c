/// The triggers' callback URLs as the engine handed them out (`listCallbackUrl`), by app and
/// trigger, so the trigger's form shows its URL and `c` copies it without asking twice.
struct TriggerURLs: Sendable {
    enum State: Equatable, Sendable {
        case loading
        case loaded(String)
        /// Why there is none (the app is not published under that name yet, the engine said no).
        case failed(String)
    }

    private struct Slot: Hashable, Sendable {
        var app: String
        var trigger: String
    }

    private var states: [Slot: State] = [:]
    /// A URL to copy as soon as it arrives (`c` pressed before it was known).
    private var copyWhenLoaded: Slot?

    subscript(app: String, trigger: String) -> State? {
        states[Slot(app: app, trigger: trigger)]
    }

    /// Marks the URL as asked for; returns whether it needs asking (not known, not on its way).
    mutating func request(app: String, trigger: String, copy: Bool = false) -> Bool {
        let slot = Slot(app: app, trigger: trigger)
        if copy { copyWhenLoaded = slot }
        switch states[slot] {
        case .loading?, .loaded?: return false
        case .failed?, nil:
            states[slot] = .loading
            return true
        }
    }

    /// Records the engine's answer; returns the URL when it was waited for to be copied.
    mutating func loaded(app: String, trigger: String, _ result: Result<String, DesignerFailure>) -> String? {
        let slot = Slot(app: app, trigger: trigger)
        guard states[slot] == .loading else { return nil }
        switch result {
        case .success(let url): states[slot] = .loaded(url)
        case .failure(let failure): states[slot] = .failed(failure.message)
        }
        defer { if copyWhenLoaded == slot { copyWhenLoaded = nil } }
        guard copyWhenLoaded == slot, case .success(let url) = result else { return nil }
        return url
    }

    /// Forgets an app's URLs (after a save: a trigger may have been renamed, added or removed).
    mutating func forget(app: String) {
        states = states.filter { $0.key.app != app }
    }
}
