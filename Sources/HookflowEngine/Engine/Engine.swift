import Foundation
import HookflowModel
import Logging
import Synchronization

/// The engine: keeps apps in the store, keeps their webhook subscriptions in step with what
/// was saved, and accepts callbacks. `hookflow serve` and the designer each run one.
public final class Engine: Sendable {
    public let store: any EngineStore
    public let configuration: EngineConfiguration
    let http: OutboundHTTPClient
    let logger: Logger
    let serial = KeyedSerialExecutor()
    let worker: BackgroundWorker
    let eventHub = EngineEventHub()
    /// Advances runs: one lane per run, progress written once per outside effect.
    let executor = RunExecutor()
    /// Callers of Request triggers waiting for their run's Response action.
    let responses = SynchronousResponses()
    /// Run plans (parsed, indexed definitions) by "name@version" (versions never change once saved).
    let plans = Mutex<[String: RunPlan]>([:])
    /// Crashes planted by the crash tests (`HOOKFLOW_FAULTS`); empty otherwise.
    let faults = FaultInjection()
    /// The runs being advanced now, noted for the next process should this one die.
    let inFlight: InFlightRuns
    /// The published apps in memory: what callbacks are checked against (no database read).
    let apps: AppView
    /// Owed unsubscribes (triggers' and webhook actions').
    let outbox: OutboxSender
    /// Subscriptions of webhook triggers: planned with each change, attempted after it, retried.
    let subscriptions: SubscriptionReconciler
    private let base: CallbackBase
    /// What the previous process left in the in-flight notes, once read (``prepare()``).
    let leftovers = Mutex<InFlightRuns.Leftovers?>(nil)
    /// One-off background jobs (moving waiting actions to a new base URL), stopped with the engine.
    let jobs = OwnedTasks()

    public init(store: any EngineStore, configuration: EngineConfiguration, logger: Logger = Logger(label: "hookflow.engine")) {
        self.store = store
        self.configuration = configuration
        self.http = OutboundHTTPClient(requestTimeout: configuration.requestTimeout, logger: logger)
        self.logger = logger
        let worker = BackgroundWorker()
        self.worker = worker
        self.inFlight = InFlightRuns(folder: configuration.dataFolder)
        let base = CallbackBase(publicURL: configuration.publicURL)
        self.base = base
        self.outbox = OutboxSender(store: store, http: http, configuration: configuration, events: eventHub, logger: logger) { worker.wake() }
        self.subscriptions = SubscriptionReconciler(store: store, http: http, outbox: outbox, configuration: configuration, events: eventHub,
                                                    logger: logger) { base.url }
        self.apps = AppView { [store, logger] in
            var apps: [String: AppView.App] = [:]
            do {
                for workflow in try await store.workflows() {
                    do { apps[workflow.name] = AppView.App(workflow: workflow, plan: RunPlan(definition: try workflow.definition())) } catch {
                        logger.error("app \(workflow.name) cannot be read and takes no callbacks: \(error)")
                    }
                }
            } catch {
                logger.error("the published apps cannot be read: \(error)")
            }
            return apps
        }
        executor.attach(to: self)
    }

    /// Opens the SQLite store in the configured data folder.
    /// The data folder is made private first (0700, its files 0600), with a warning for each thing tightened.
    public convenience init(configuration: EngineConfiguration, logger: Logger = Logger(label: "hookflow.engine")) throws {
        for warning in try DataFolder.secure(configuration.dataFolder) { logger.warning("\(warning)") }
        self.init(store: try SQLiteStore(folder: configuration.dataFolder, readers: configuration.readerConnections), configuration: configuration, logger: logger)
    }

    /// Where callbacks reach this engine: `--public-url`, else the address the server listens on.
    public var baseURL: String { base.url }

    /// Called by the server once it is bound (the port may have been chosen by the system).
    public func setListenURL(_ url: String) { base.setListenURL(url) }

    /// Starts background work: re-checks every enabled app's subscriptions (the base URL may
    /// have changed, a save may have been cut short), then sends what is owed.
    public func start() async {
        do {
            try await store.commit([.releaseLeases])
            for workflow in try await store.workflows() {
                _ = try? await serial.run(workflow.name) { () async throws(EngineError) -> [SubscriptionResult] in
                    try await self.reconcile(workflow, previousState: workflow.state, sendNow: false)
                }
            }
        } catch {
            logger.error("start-up reconciliation failed: \(error)")
        }
        await resumeRuns()
        followOtherNodes()
        moveWaitingActionsToTheCurrentBase()
        worker.start { [weak self] in await self?.runDueWork() ?? 3600 }
    }

    /// Stops background work, cancels the calls under way (each stays owed, written back as
    /// due again) and waits for them, then closes outbound connections and the store.
    public func shutdown() async {
        eventHub.finishAll()
        await worker.stop()
        await jobs.stop()
        await executor.stop()
        await subscriptions.stop()
        await outbox.stop()
        await http.shutdown()
        await store.close()
    }

    // MARK: Apps

    public func listWorkflows() async throws(EngineError) -> [WorkflowSummary] {
        var summaries: [WorkflowSummary] = []
        for workflow in try await storeCall({ try await self.store.workflows() }) {
            summaries.append(try await summary(of: workflow, results: []))
        }
        return summaries
    }

    public func workflowDetail(named name: String) async throws(EngineError) -> WorkflowDetail {
        let workflow = try await existing(name)
        let definition: JSONValue
        do { definition = try JSONParser.parse(workflow.definitionText) } catch {
            throw .internalError(message: "stored definition of \(name) is unreadable: \(error)")
        }
        let properties = workflow.propertiesText.flatMap { try? JSONParser.parse($0).objectValue }
        return WorkflowDetail(summary: try await summary(of: workflow, results: []), definition: definition, kind: workflow.kind, properties: properties)
    }

    /// Save = validate → store a new version → reconcile subscriptions (SPEC §3).
    ///
    /// `baseVersion` is the version the definition was edited from (0: a new app); when the app
    /// has moved on meanwhile the save stores nothing and throws `VersionConflict`. Nil skips
    /// the check (an explicit overwrite). `properties`: what the published file held beside the
    /// definition (kept for export); nil keeps what the app has.
    public func save(name: String, definition value: JSONValue, state: WorkflowState?, kind: String? = nil,
                     baseVersion: Int? = nil, properties: JSONObject? = nil) async throws(EngineError) -> WorkflowSummary {
        if let problem = WorkflowName.problem(with: name) { throw .badRequest(code: "InvalidWorkflowName", message: problem) }
        guard let object = value.objectValue else {
            throw .invalidDefinition([ValidationProblem(pointer: .root, message: "The definition must be a JSON object with triggers and actions, not \(value.typeName)")])
        }
        let definition = WorkflowDefinition(json: object)
        // Warnings never block a save (SPEC §1); a refusal lists them beside the errors.
        let problems = WorkflowValidator(workflowName: name).validate(definition)
        if !problems.errors.isEmpty { throw .invalidDefinition(problems) }
        return try await serial.run(name) { () async throws(EngineError) -> WorkflowSummary in
            let now = self.configuration.now()
            let previous = try await self.storeCall { try await self.store.workflow(named: name) }
            if let baseVersion, baseVersion != (previous?.version ?? 0) {
                throw .versionConflict(app: name, base: baseVersion, current: previous?.version ?? 0)
            }
            let text = JSONWriter(style: .pretty(indent: "  ")).string(from: value)
            let workflow = StoredWorkflow(
                name: name, state: state ?? previous?.state ?? .enabled, version: (previous?.version ?? 0) + 1, definitionText: text,
                kind: kind ?? previous?.kind, accessKey: previous?.accessKey ?? CallbackSigner.newAccessKey(),
                accessKeyVersion: previous?.accessKeyVersion ?? 1, createdAt: previous?.createdAt ?? now, changedAt: now,
                propertiesText: properties.map { $0.isEmpty ? nil : JSONWriter(style: .pretty(indent: "  ")).string(from: .object($0)) } ?? previous?.propertiesText)
            let results = try await self.reconcile(workflow, previousState: previous?.state, commitWorkflow: .putWorkflow(workflow, addVersion: true))
            self.eventHub.publish(EngineEvent(kind: .workflowChanged, workflow: name, status: workflow.state.rawValue))
            return try await self.summary(of: workflow, results: results)
        }
    }

    /// Enabled → disabled unsubscribes every trigger; disabled → enabled subscribes them.
    public func setState(_ state: WorkflowState, ofWorkflow name: String) async throws(EngineError) -> WorkflowSummary {
        try await serial.run(name) { () async throws(EngineError) -> WorkflowSummary in
            var workflow = try await self.existing(name)
            let previous = workflow.state
            workflow.state = state
            workflow.changedAt = self.configuration.now()
            let results = try await self.reconcile(workflow, previousState: previous, commitWorkflow: .putWorkflow(workflow, addVersion: false))
            self.eventHub.publish(EngineEvent(kind: .workflowChanged, workflow: name, status: state.rawValue))
            return try await self.summary(of: workflow, results: results)
        }
    }

    /// Deletes the app, its versions and runs; every subscription it had is unsubscribed (outbox).
    public func delete(name: String) async throws(EngineError) -> WorkflowSummary {
        try await serial.run(name) { () async throws(EngineError) -> WorkflowSummary in
            var workflow = try await self.existing(name)
            let summaryBefore = try await self.summary(of: workflow, results: [])
            let previous = workflow.state
            workflow.state = .disabled
            let results = try await self.reconcile(workflow, previousState: previous, commitWorkflow: .deleteWorkflow(name))
            var summary = summaryBefore
            summary.results = results
            summary.triggers = summary.triggers.map { var trigger = $0; trigger.subscription = nil; return trigger }
            self.eventHub.publish(EngineEvent(kind: .workflowDeleted, workflow: name))
            return summary
        }
    }

    /// A new access key: old callback URLs stop working, triggers subscribe again with new ones.
    public func regenerateAccessKey(workflow name: String) async throws(EngineError) -> WorkflowSummary {
        try await serial.run(name) { () async throws(EngineError) -> WorkflowSummary in
            var workflow = try await self.existing(name)
            workflow.accessKey = CallbackSigner.newAccessKey()
            workflow.accessKeyVersion += 1
            workflow.changedAt = self.configuration.now()
            let results = try await self.reconcile(workflow, previousState: workflow.state, commitWorkflow: .putWorkflow(workflow, addVersion: false))
            return try await self.summary(of: workflow, results: results)
        }
    }

    /// The signed URL a service calls to fire a trigger.
    public func callbackURL(workflow name: String, trigger: String) async throws(EngineError) -> String {
        let workflow = try await existing(name)
        let definition = try parsed(workflow)
        guard let step = definition.triggers.first(where: { $0.name == trigger }) else {
            throw .notFound(code: "TriggerNotFound", message: "app \"\(name)\" has no trigger \"\(trigger)\"; its triggers: \(definition.triggers.map(\.name).joined(separator: ", "))")
        }
        guard step.kind == .httpWebhook || step.kind == .request else {
            throw .badRequest(code: "NoCallbackUrl", message: "trigger \"\(trigger)\" is a \(step.kind.displayName) trigger, which has no callback URL")
        }
        return CallbackSigner.url(base: baseURL, target: .trigger(workflow: name, trigger: trigger), key: workflow.accessKey)
    }

    // MARK: Summaries

    func summary(of workflow: StoredWorkflow, results: [SubscriptionResult]) async throws(EngineError) -> WorkflowSummary {
        let definition = try parsed(workflow)
        let subscriptions = try await storeCall { try await self.store.subscriptions(workflow: workflow.name) }
        let triggers = definition.triggers.map { step -> WorkflowSummary.Trigger in
            guard step.kind == .httpWebhook else { return .init(name: step.name, type: step.type ?? "", subscription: nil) }
            let current = subscriptions.first { $0.triggerName == step.name && $0.isActive }
            let info: SubscriptionInfo
            if let current {
                info = SubscriptionInfo(id: current.id, status: current.status, error: current.lastError, callbackURL: current.callbackURL,
                                        updatedTime: Timestamps.format(current.updatedAt),
                                        nextAttemptTime: current.status == .subscribeFailed ? current.nextAttemptAt.map(Timestamps.format) : nil)
            } else {
                // Disabled apps have no live subscription; an orphan of this trigger still shows.
                let orphan = subscriptions.first { $0.triggerName == step.name && $0.status == .orphaned }
                info = SubscriptionInfo(id: orphan?.id, status: orphan == nil ? .notSubscribed : .orphaned, error: orphan?.lastError)
            }
            return .init(name: step.name, type: step.type ?? "", subscription: info)
        }
        return WorkflowSummary(name: workflow.name, state: workflow.state, version: workflow.version,
                               changedTime: Timestamps.format(workflow.changedAt), triggers: triggers, results: results)
    }

    // MARK: Plumbing

    func existing(_ name: String) async throws(EngineError) -> StoredWorkflow {
        guard let workflow = try await storeCall({ try await self.store.workflow(named: name) }) else {
            throw .notFound(code: "WorkflowNotFound", message: "there is no app named \"\(name)\"; `hookflow list` shows the apps")
        }
        return workflow
    }

    func parsed(_ workflow: StoredWorkflow) throws(EngineError) -> WorkflowDefinition {
        do { return try workflow.definition() } catch {
            throw .internalError(message: "stored definition of \(workflow.name) is unreadable: \(error)")
        }
    }

    /// Runs a store call, turning database errors into engine errors.
    func storeCall<T>(_ call: () async throws -> T) async throws(EngineError) -> T {
        do { return try await call() } catch let error as EngineError { throw error } catch let error as StoreError {
            // Its message already names the file, the place and what to do.
            throw .internalError(message: error.description)
        } catch {
            throw .internalError(message: "the data store failed: \(error)")
        }
    }
}

/// Where callbacks reach the engine: `--public-url`, else the address the server listens on.
final class CallbackBase: Sendable {
    private let publicURL: String?
    private let listenURL = Mutex<String?>(nil)

    init(publicURL: String?) { self.publicURL = publicURL }

    var url: String {
        let url = publicURL ?? listenURL.withLock { $0 } ?? "http://127.0.0.1:7071"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    func setListenURL(_ url: String) { listenURL.withLock { $0 = url } }
}

/// ISO 8601 timestamps in UTC with milliseconds, as the API writes them.
enum Timestamps {
    /// `2026-11-30T18:34:30.077Z`. Every action record's times go through here, so it is written
    /// by hand (the civil date from days since 1970) rather than through a format style.
    static func format(_ date: Date) -> String {
        // Whole seconds, then the fraction truncated to milliseconds (as Foundation does: scaling
        // the whole time by 1000 first would round 1709164799.1229999 up to .123).
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        let milliseconds = min(999, Int(((interval - whole) * 1000).rounded(.down)))
        let seconds = Int64(whole)
        var days = seconds / 86_400
        var secondOfDay = Int(seconds - days * 86_400)
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        // Howard Hinnant's days-from-civil, inverted.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(UInt8(ascii: "-")); digits(month, 2); bytes.append(UInt8(ascii: "-")); digits(day, 2)
        bytes.append(UInt8(ascii: "T")); digits(secondOfDay / 3600, 2); bytes.append(UInt8(ascii: ":")); digits(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":")); digits(secondOfDay % 60, 2); bytes.append(UInt8(ascii: ".")); digits(milliseconds, 3)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
