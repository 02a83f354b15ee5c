import HookflowEngine
import HookflowModel

/// Saving, switching and quitting the app open in the designer: the workbench's own keys
/// (Ctrl-S, `t`, `q`) reach them from any screen.
extension WorkbenchContext {
    // MARK: Save

    /// Ctrl-S: validates, then writes the file (only when its text changes) and publishes (only
    /// when the engine does not have this definition yet). A save with nothing to do writes nothing.
    ///
    /// The publish names the version the definition was edited from, so the engine refuses it
    /// when the app moved on meanwhile (``finishSave(_:)`` then asks what to do). `overFile`: the
    /// question about publishing a file over the engine's other version was answered yes;
    /// `overwrite`: save over whatever version the engine has now (no version named).
    mutating func save(overFile: Bool = false, overwrite: Bool = false) -> [WorkbenchEffect] {
        if case .saving = designer.activity {
            say("A save is already in progress")
            return []
        }
        if designer.conflict != nil, !overwrite {
            // Its question (or the difference, Esc away from it) is open: a second one would stack.
            say("Not saved: answer the version question first (r reload · o overwrite · c cancel)", isError: true)
            return []
        }
        // Only errors block a save; warnings (a missing unsubscribe) are shown and saved with.
        let problems = designer.allProblems.errors
        if !problems.isEmpty {
            // The first one fits the line; m shows them all.
            let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
            say("Not saved: \(count) to fix first. " + problems.map(\.description).joined(separator: " · "), isError: true)
            return []
        }
        let fileText = designer.fileTextToWrite()
        let publish = !designer.engineIsUpToDate
        guard fileText != nil || publish else {
            say("Nothing to save: no changes" + (designer.published.map { " since v\($0.version)" } ?? ""))
            return []
        }
        if publish, designer.replacesOtherEngineVersion, !overFile, !overwrite {
            let version = designer.published.map { "v\($0.version)" } ?? "version"
            ask(.yesNo(
                title: "Publish over the engine's version",
                message: "The engine has \(designer.appName) \(version), which differs from \(designer.fileName) (it was saved from elsewhere, "
                    + "or the file is older). Publish the file over it?",
                confirm: "Publish", answer: .publishOverEngine))
            return []
        }
        var request = SaveRequest(
            appName: designer.appName, definition: designer.definition, state: designer.published == nil ? designer.appState : nil,
            file: designer.file, fileText: fileText, publish: publish, baseVersion: overwrite ? nil : designer.baseVersion, kind: designer.kind,
            publishedDefinition: designer.definitionToPublish)
        if let lost = engine.lost, publish {
            guard fileText != nil else {
                designer.quitAfterSave = false
                say("Not saved: the engine is not answering (\(lost)); your edits stay here, Ctrl-S again once it is back", isError: true)
                return []
            }
            request.publish = false
        }
        designer.activity = .saving(request, since: tick)
        return [.save(request)]
    }

    mutating func finishSave(_ outcome: SaveOutcome) -> [WorkbenchEffect] {
        guard case .saving(let request, _) = designer.activity else { return [] }
        designer.activity = .idle
        if let fileError = outcome.fileError {
            designer.quitAfterSave = false
            say("Not saved: \(fileError)", isError: true)
            return []
        }
        if let text = outcome.fileText {
            // The file is the baseline of a file's app: written means saved.
            designer.sourceText = text
            designer.savedDefinition = request.definition
            designer.refreshDirty()
        }
        guard request.publish else {
            if engine.lost == nil, let published = designer.published, designer.publishedDefinition == request.definition {
                // Only the file was behind (after a reload of the engine's version, say).
                say("Saved to \(designer.fileName); the engine has it already (v\(published.version))")
                return quitIfAsked()
            }
            designer.quitAfterSave = false
            let why = engine.lost.map { " (\($0))" } ?? ""
            say("Saved to \(designer.fileName); not published: the engine is not answering\(why). Ctrl-S publishes once it is back", isError: true)
            return []
        }
        if let conflict = outcome.conflict {
            return versionConflict(conflict, refused: request)
        }
        guard let summary = outcome.summary else {
            designer.quitAfterSave = false
            let prefix = outcome.fileText == nil ? "Not saved" : "Saved to \(designer.fileName), but not published"
            say("\(prefix): \(outcome.publishError ?? "the engine did not answer")", isError: true)
            return []
        }
        designer.savedDefinition = request.definition
        designer.publishedDefinition = request.definition
        designer.replacesOtherEngineVersion = false
        designer.published = summary
        designer.appState = summary.state
        designer.baseVersion = summary.version
        designer.conflict = nil
        designer.refreshDirty()
        triggerURLs.forget(app: designer.appName)
        let failed = summary.results.contains { $0.outcome == .failed }
        say("Saved v\(summary.version) · " + Self.describe(summary), isError: failed)
        return quitIfAsked()
    }

    /// Quits when the save that just succeeded was asked for by "save and quit".
    mutating func quitIfAsked() -> [WorkbenchEffect] {
        guard designer.quitAfterSave else { return [] }
        hasQuit = true
        return [.quit]
    }

    // MARK: Enable and disable

    /// `t`: enables or disables the published app (subscribes or unsubscribes its webhook
    /// triggers); before the first save, only the state it will be published with changes.
    mutating func toggleState() -> [WorkbenchEffect] {
        let target: WorkflowState = designer.appState == .enabled ? .disabled : .enabled
        guard designer.published != nil else {
            designer.appState = target
            say("The app will be published \(target.rawValue) (Ctrl-S saves)")
            return []
        }
        guard designer.activity == .idle else {
            say("Wait for the save to finish before switching the app \(target == .enabled ? "on" : "off")")
            return []
        }
        designer.activity = .changingState(target, since: tick)
        return [.setState(target, app: designer.appName)]
    }

    mutating func finishStateChange(_ result: Result<WorkflowSummary, DesignerFailure>) {
        guard case .changingState = designer.activity else { return }
        designer.activity = .idle
        switch result {
        case .success(let summary):
            designer.published = summary
            designer.appState = summary.state
            let failed = summary.results.contains { $0.outcome == .failed }
            say("\(summary.state.rawValue) · " + Self.describe(summary), isError: failed)
        case .failure(let failure):
            say("Could not switch the app: \(failure.message)", isError: true)
        }
    }

    // MARK: Subscription outcomes

    /// A subscribe or unsubscribe call of the open app had its outcome after the save or toggle
    /// answered (the engine waits a few seconds at most): the trigger card's status follows and
    /// the outcome is said (`Webhook: SubscribeFailed (HTTP 500: down, next try 12:03:04)`).
    mutating func subscriptionChanged(_ event: EngineEvent) {
        guard let trigger = event.trigger, let text = event.status, let status = SubscriptionStatus(rawValue: text) else { return }
        if var published = designer.published, let index = published.triggers.firstIndex(where: { $0.name == trigger }),
            status != .unsubscribed || published.state == .disabled
        {
            var info = published.triggers[index].subscription ?? SubscriptionInfo(status: status)
            info.status = status == .unsubscribed ? .notSubscribed : status
            info.error = event.error
            info.nextAttemptTime = status == .subscribeFailed ? event.nextAttemptTime : nil
            published.triggers[index].subscription = info
            designer.published = published
        }
        let failed = status == .subscribeFailed || status == .orphaned
        say(TriggerStatusText.outcome(trigger, status.rawValue, error: event.error, nextAttemptTime: event.nextAttemptTime), isError: failed)
    }

    // MARK: Quit

    /// `q`, Ctrl-C: asks first when there are unsaved changes, or when quitting stops the engine
    /// that answers the app's callbacks; otherwise quits.
    mutating func quit() -> [WorkbenchEffect] {
        let callbacksStop = engine.isInProcess && designer.published != nil && designer.appState == .enabled
        let offline = callbacksStop
            ? " The engine runs inside this designer: once it quits, callbacks to your apps go unanswered until it runs again (hookflow serve keeps them answered)."
            : ""
        if designer.isDirty {
            ask(ScreenPrompt(
                title: "Unsaved changes", message: "This app has changes that are not saved. Save them before quitting?" + offline,
                choices: [
                    .init(key: "s", label: "Save and quit", answer: .saveAndQuit),
                    .init(key: "d", label: "Discard and quit", answer: .discardAndQuit),
                    .init(key: "c", label: "Cancel", answer: .cancel),
                ]))
            return []
        }
        if callbacksStop {
            ask(ScreenPrompt(
                title: "Quit", message: "\(designer.appName) is enabled and its callbacks come to this designer's engine." + offline,
                choices: [.init(key: "q", label: "Quit", answer: .quit), .init(key: "c", label: "Cancel", answer: .cancel)]))
            return []
        }
        hasQuit = true
        return [.quit]
    }

    /// The answers to the quit questions.
    mutating func answerQuit(_ answer: DialogAnswer) -> [WorkbenchEffect] {
        switch answer {
        case .saveAndQuit:
            designer.quitAfterSave = true
            let effects = save()
            if effects.isEmpty { designer.quitAfterSave = false }
            // Nothing was left to save after all: quit.
            if effects.isEmpty, !designer.isDirty, messages.current?.isError != true {
                hasQuit = true
                return [.quit]
            }
            return effects
        case .discardAndQuit, .quit:
            hasQuit = true
            return [.quit]
        default:
            return []
        }
    }

    /// Per-trigger results: `HTTP_Webhook: Subscribed`, `HTTP_Webhook: Subscribing` (its outcome
    /// comes later as an event), `HTTP_Webhook: Failed (HTTP 500: down, next try 12:03:04)`, or
    /// `no webhook triggers`.
    static func describe(_ summary: WorkflowSummary) -> String {
        if !summary.results.isEmpty {
            return summary.results.map { result in
                let next = summary.triggers.first { $0.name == result.trigger }?.subscription?.nextAttemptTime
                return TriggerStatusText.outcome(result.trigger, result.outcome.rawValue, error: result.error,
                                                 nextAttemptTime: result.outcome == .failed ? next : nil)
            }.joined(separator: " · ")
        }
        let subscribed = summary.triggers.compactMap { trigger in trigger.subscription.map { "\(trigger.name): \($0.status.rawValue)" } }
        return subscribed.isEmpty ? "no webhook triggers to subscribe" : subscribed.joined(separator: " · ")
    }
}

extension DesignerState {
    /// The file's name for messages (`workflow.json`).
    var fileName: String { file?.lastPathComponent ?? appName }

    /// The file's new text, keeping the formatting of everything that did not change; `nil` when
    /// there is no file or its text would stay the same.
    func fileTextToWrite() -> String? {
        guard file != nil else { return nil }
        guard let sourceText else { return document.written() }
        let text = JSONPreservingWriter.write(document.root, over: sourceText, indent: document.indent) ?? document.written()
        return text == sourceText ? nil : text
    }
}
