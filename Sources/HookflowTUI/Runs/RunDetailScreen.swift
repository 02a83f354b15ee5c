import HookflowEngine

import HookflowEngine
import HookflowModel

/// One run: its summary, every step of the app's definition (the trigger, then the actions; those
/// the run has not reached greyed) and the selected step's details.
///
/// Live: engine events about this run load it again (one load at a time). A waiting webhook
/// action shows its callback URL, which `c` copies and `s` calls with a typed JSON body and headers.
struct RunDetailScreen: Screen {
    let app: String
    let id: String
    var detail: RunDetail?
    /// The app's definition as the engine has it (the steps not reached yet); `nil` until loaded.
    var definition: WorkflowDefinition?
    private var definitionRequested = false
    /// The trigger, then the actions, of ``detail``.
    var steps: [RunStep] = []
    /// The STARTED column's width for ``steps``.
    var startedWidth = 8
    var longestName = 4
    /// A ``WorkbenchEffect/loadRun(app:id:)`` is on its way.
    var isLoading = false
    /// An event came while loading: load again after.
    var reloadPending = false
    var loadError: String?
    var cursor = ListCursor()
    /// The selected step's details, built when the step, the run or the width changes.
    var detailLines: [[TextSpan]] = []
    /// The first detail line on screen.
    var detailScroll = 0
    var area = Rect(width: 80, height: 21)
    var pendingControl: RunControl?

    init(app: String, id: String) {
        self.app = app
        self.id = id
    }

    var title: String? { "Run · \(app) · \(id)" }
    var keyHelp: KeyHelp { Self.keyMap.help }

    var wantsTicks: Bool { (isLoading && detail == nil) || pendingControl != nil }

    var selectedStep: RunStep? {
        steps.indices.contains(cursor.selected) ? steps[cursor.selected] : nil
    }

    var layout: RunDetailLayout {
        RunDetailLayout(area: area, summaryHeight: summaryHeight, stepCount: steps.count, startedWidth: startedWidth, longestName: longestName)
    }

    /// The run's id and status, its times, and its error when it has one.
    var summaryHeight: Int { detail?.summary.error == nil ? 2 : 3 }

    /// Rows of steps on screen (below the column header).
    var visibleSteps: Int { max(1, layout.steps.height - 1) }

    /// Always asks (even with a load thought to be on its way: after a lost connection its answer may never come).
    mutating func appear(_ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        isLoading = false
        reloadPending = false
        var effects = load()
        if !definitionRequested {
            definitionRequested = true
            effects.append(.loadDefinition(app: app))
        }
        return effects
    }

    mutating func layout(area: Rect, _ context: WorkbenchContext) {
        self.area = area
        cursor.reveal(count: steps.count, visible: visibleSteps)
        rebuildDetail(keepScroll: true)
    }

    mutating func receive(_ event: WorkbenchEvent, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        switch event {
        case .runLoaded(let app, let id, let result) where app == self.app && id == self.id:
            return loaded(result, &context)
        case .definitionLoaded(let app, .success(let detail)) where app == self.app:
            definition = detail?.definition.objectValue.map(WorkflowDefinition.init(json:))
            if let run = self.detail { show(run) }
            return []
        case .engine(let event) where event.workflow == app && event.runID == id:
            return load()
        case .runControlled(let control, let result):
            return controlled(control, result, &context)
        case .callbackSent(_, .success(let answer)) where answer.isAccepted:
            return load()
        default:
            return []
        }
    }

    // MARK: Loading

    mutating func load() -> [WorkbenchEffect] {
        guard !isLoading else {
            reloadPending = true
            return []
        }
        isLoading = true
        return [.loadRun(app: app, id: id)]
    }

    private mutating func loaded(_ result: Result<RunDetail, DesignerFailure>, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard isLoading else { return [] }
        isLoading = false
        switch result {
        case .success(let run):
            show(run)
        case .failure(let failure):
            if detail == nil { loadError = failure.message }
            context.say("Could not load run \(id): \(failure.message)", isError: true)
        }
        if reloadPending {
            reloadPending = false
            return load()
        }
        return []
    }

    /// Shows a fresh copy of the run, keeping the selected step; the first time, selects the step
    /// that most wants attention (a waiting webhook action, else a failure).
    mutating func show(_ run: RunDetail) {
        let previous = selectedStep?.key
        let isFirst = detail == nil
        detail = run
        loadError = nil
        steps = RunStep.steps(of: run, definition: definition)
        longestName = steps.map { TextLayout.width($0.label) + 2 * $0.depth }.max() ?? 4
        startedWidth = steps.map { RunTimes.short($0.startTime, sameDayAs: run.summary.startTime).count }.max() ?? 8
        let index: Int
        if isFirst {
            index = steps.firstIndex { $0.isWaitingWebhook } ?? steps.firstIndex { $0.role == .statusFailed || $0.role == .statusTimedOut } ?? 0
        } else {
            index = previous.flatMap { key in steps.firstIndex { $0.key == key } } ?? cursor.selected
        }
        cursor.select(index, count: steps.count, visible: visibleSteps)
        rebuildDetail(keepScroll: !isFirst && selectedStep?.key == previous)
    }

    mutating func rebuildDetail(keepScroll: Bool) {
        guard let step = selectedStep else {
            detailLines = []
            detailScroll = 0
            return
        }
        detailLines = RunStepDetail.lines(for: step, width: layout.detailText.width)
        detailScroll = keepScroll ? min(detailScroll, maxDetailScroll) : 0
    }

    var maxDetailScroll: Int { max(0, detailLines.count - layout.detailText.height) }

    // MARK: Answers

    private mutating func controlled(_ control: RunControl, _ result: Result<RunDetail, DesignerFailure>, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard pendingControl == control else { return [] }
        pendingControl = nil
        switch (control, result) {
        case (.cancel, .success(let run)):
            show(run)
            context.say("Cancelled run \(id)")
        case (.resubmit, .success(let run)):
            // The new run takes this one's place: Esc goes back to the list, not through every resubmit.
            context.say("Resubmitted run \(id) as \(run.summary.id)")
            context.replace(with: RunDetailScreen(app: app, id: run.summary.id))
        case (.cancel, .failure(let failure)):
            context.say("Could not cancel run \(id): \(failure.message)", isError: true)
        case (.resubmit, .failure(let failure)):
            context.say("Could not resubmit run \(id): \(failure.message)", isError: true)
        }
        return []
    }
}
