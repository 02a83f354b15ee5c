import Foundation

/// How an engine runs: where its data lives, where callbacks reach it, and how patient it is.
public struct EngineConfiguration: Sendable {
    /// The data folder (the SQLite file, the running engine's address, the management token).
    public var dataFolder: URL
    /// Callback URLs start with this instead of the listen address (an engine behind a proxy or tunnel).
    public var publicURL: String?
    /// The PostgreSQL database several engine nodes share (`--database`, `$HOOKFLOW_DATABASE_URL`);
    /// nil: the SQLite file in the data folder.
    public var database: PostgresLocation?
    /// Largest callback body accepted; larger ones get `413`.
    public var bodyLimit: Int = 100 * 1024 * 1024
    /// Timeout of each outbound request (subscribe, unsubscribe, HTTP actions).
    public var requestTimeout: TimeInterval = 120
    /// How long the caller of a Request trigger waits for the run's Response action before it
    /// hears `504` (the run goes on): Logic Apps' inbound request limit.
    public var responseTimeout: TimeInterval = 120
    /// Most database reader connections (``SQLiteStore/readers``); tests that run many engines
    /// at once in one process use fewer, to stay far from the file limit.
    public var readerConnections = SQLiteStore.readers
    /// The longest a save, enable, disable or delete waits for the answers of its subscription
    /// calls (one attempt each) before it answers; a call still under way is reported as
    /// `Subscribing`/`Unsubscribing` and its outcome arrives later as an event (SPEC §3).
    public var subscriptionWait: TimeInterval = 5
    /// Back-off between subscribe attempts once the request's retry policy has none left
    /// (or for an answer the policy does not retry, such as 400).
    public var subscribeBackoff = Backoff(initial: 30, maximum: 3600)
    /// Back-off between attempts of an outbox call (unsubscribe).
    public var outboxBackoff = Backoff(initial: 5, maximum: 300)
    /// After this many failed unsubscribe attempts the subscription shows as `Orphaned` (it is still retried).
    public var orphanAfterAttempts = 5
    /// The longest a run may last before it is `TimedOut` (Logic Apps: 90 days).
    public var runDurationLimit: TimeInterval = 90 * 86_400
    /// How often background work is looked for even without a wake-up.
    public var pollInterval: TimeInterval = 30
    /// A connection with no request in progress for this long is closed (a sender trickling a
    /// request's headers counts as idle too).
    public var idleTimeout: TimeInterval = 30
    /// Once a request's headers have arrived, its body must be complete within this.
    public var readTimeout: TimeInterval = 60
    /// Most connections open at once; beyond it the longest idle one is closed for a new caller.
    /// Lowered to what the process's open-file limit allows.
    public var maximumConnections = 4096
    /// What `appsetting('X')` reads while runs run: as in Logic Apps Standard, whose app settings
    /// are the host's environment — this process's environment, with a project's
    /// `local.settings.json` `Values` over it when one is given (`serve --settings`, the designer
    /// on a project's workflow).
    public var appSettings: [String: String] = ProcessInfo.processInfo.environment

    /// The wall clock every part reads (tests may move it).
    public var now: @Sendable () -> Date = { Date() }

    public init(dataFolder: URL) { self.dataFolder = dataFolder }
}

/// Exponential back-off: initial, doubled each attempt, capped.
public struct Backoff: Sendable, Equatable {
    public var initial: TimeInterval
    public var maximum: TimeInterval

    public init(initial: TimeInterval, maximum: TimeInterval) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1).
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        min(maximum, initial * pow(2, Double(max(0, attempt - 1))))
    }
}
