import Foundation
import HookflowEngine
import HookflowModel

/// Performs the workbench's effects that talk to the engine (or, for a test callback, to a
/// callback URL) and turns each outcome into the event that answers it.
///
/// ```swift
/// let runner = WorkbenchEffectRunner(client: client, callbacks: CallbackSender())
/// let answer = await runner.answer(.loadRun(app: "orders", id: runID))   // .runLoaded(app:id:_:)
/// ```
///
/// Engine errors become ``DesignerFailure``s with the error's message. The effects that need the
/// terminal (`$EDITOR`, the clipboard) and quitting are the loop's; for them ``answer(_:)`` is `nil`.
/// Each effect goes to the engine the ``EngineConnection`` names when it starts, so after the
/// engine moved the next ones reach it at its new address.
struct WorkbenchEffectRunner: Sendable {
    let connection: EngineConnection
    let callbacks: CallbackSender

    init(connection: EngineConnection, callbacks: CallbackSender) {
        self.connection = connection
        self.callbacks = callbacks
    }

    /// A runner for an engine that stays where it is.
    init(client: any EngineClient, callbacks: CallbackSender) {
        self.init(connection: .fixed(client), callbacks: callbacks)
    }

    /// Whether an effect only fetches (so it may be dropped when the user quits).
    static func isFetch(_ effect: WorkbenchEffect) -> Bool {
        switch effect {
        case .loadApps, .openApp, .loadRuns, .loadRun, .loadDefinition, .loadTriggerURL: true
        default: false
        }
    }

    /// Runs `effect` and returns its answer; `nil` for effects that have none here.
    func answer(_ effect: WorkbenchEffect) async -> WorkbenchEvent? {
        let client = connection.client
        switch effect {
        case .save(let request):
            return await Self.save(request, client: client)
        case .setState(let newState, let app):
            return .stateChanged(await Self.result { () throws(EngineError) in try await client.setState(newState, ofWorkflow: app) })
        case .loadApps:
            return .appsLoaded(await Self.result { () throws(EngineError) in try await client.listWorkflows() })
        case .openApp(let name):
            let result: Result<WorkflowDetail?, DesignerFailure>
            do throws(EngineError) {
                result = .success(try await client.workflow(named: name))
            } catch .notFound {
                result = .success(nil)
            } catch {
                result = .failure(DesignerFailure(WorkbenchHost.readable(error)))
            }
            return .appOpened(name: name, result)
        case .changeApp(let change):
            return .appChanged(change, await Self.result { () throws(EngineError) in
                switch change {
                case .enable(let name): try await client.setState(.enabled, ofWorkflow: name)
                case .disable(let name): try await client.setState(.disabled, ofWorkflow: name)
                case .delete(let name): try await client.deleteWorkflow(named: name)
                }
            })
        case .loadRuns(let request):
            return .runsLoaded(request, await Self.result { () throws(EngineError) in
                try await client.runs(workflow: request.app, status: request.status, top: request.top, skipToken: request.skipToken)
            })
        case .loadRun(let app, let id):
            return .runLoaded(app: app, id: id, await Self.result { () throws(EngineError) in try await client.run(workflow: app, id: id) })
        case .loadDefinition(let app):
            let result: Result<WorkflowDetail?, DesignerFailure>
            do throws(EngineError) {
                result = .success(try await client.workflow(named: app))
            } catch .notFound {
                result = .success(nil)
            } catch {
                result = .failure(DesignerFailure(WorkbenchHost.readable(error)))
            }
            return .definitionLoaded(app: app, result)
        case .loadTriggerURL(let app, let trigger):
            return .triggerURLLoaded(app: app, trigger: trigger, await Self.result { () throws(EngineError) in
                try await client.callbackURL(workflow: app, trigger: trigger)
            })
        case .controlRun(let control):
            return .runControlled(control, await Self.result { () throws(EngineError) in
                switch control {
                case .cancel(let app, let id): try await client.cancelRun(workflow: app, id: id)
                case .resubmit(let app, let id): try await client.resubmitRun(workflow: app, id: id)
                }
            })
        case .sendCallback(let callback):
            do throws(DesignerFailure) {
                return .callbackSent(url: callback.url, .success(try await callbacks.post(callback)))
            } catch {
                return .callbackSent(url: callback.url, .failure(error))
            }
        case .editExternally, .copyToClipboard, .quit, .suspend:
            return nil
        }
    }

    /// Writes the file (when its text changed), then publishes (when asked); a file that cannot be
    /// written publishes nothing. A publish the engine refuses as stale comes back with the
    /// engine's current version of the app, for the question that follows.
    static func save(_ request: SaveRequest, client: any EngineClient) async -> WorkbenchEvent {
        var written: String?
        if let file = request.file, let text = request.fileText {
            do {
                try AtomicFile.write(text, to: file)
                written = text
            } catch {
                return .saved(SaveOutcome(definition: request.definition, fileError: error.description))
            }
        }
        guard request.publish else { return .saved(SaveOutcome(definition: request.definition, fileText: written)) }
        do throws(EngineError) {
            let summary = try await client.saveWorkflow(
                name: request.appName, definition: request.publishedDefinition.value, state: request.state, kind: request.kind, baseVersion: request.baseVersion)
            return .saved(SaveOutcome(definition: request.definition, fileText: written, summary: summary))
        } catch .versionConflict(_, let base, let current) {
            // The question offers to reload and to compare: fetch the engine's version for it now.
            let engine = current > 0 ? try? await client.workflow(named: request.appName) : nil
            let conflict = VersionConflict(base: base, current: engine?.summary.version ?? current, engine: engine)
            return .saved(SaveOutcome(definition: request.definition, fileText: written, conflict: conflict))
        } catch {
            return .saved(SaveOutcome(definition: request.definition, fileText: written, publishError: WorkbenchHost.readable(error)))
        }
    }

    private static func result<Value>(_ call: () async throws(EngineError) -> Value) async -> Result<Value, DesignerFailure> {
        do throws(EngineError) {
            return .success(try await call())
        } catch {
            return .failure(DesignerFailure(WorkbenchHost.readable(error)))
        }
    }
}
