import HookflowEngine

/// One run: its summary, its steps (the trigger, then the actions) and the selected step's details.
///
/// Live: engine events about this run load it again (one load at a time). A waiting webhook
/// action shows its callback URL, which `c` copies and `s` calls with a typed JSON body.
struct RunDetailScreen: WorkbenchScreen {
    let app: String
    let id: String
    var detail: RunDetail?
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
    var prompt: ScreenPrompt<RunControl>?
    var editor: CallbackEditor?
    /// The URL a test callback went to, until the engine answers.
    var sendingTo: String?
    var pendingControl: RunControl?
    var banner: Banner?

    init(app: String, id: String) {
        self.app = app
        self.id = id
    }

    var title: String { "Run · \(app) · \(id)" }

    var hints: [(key: String, action: String)] {
        if editor != nil { return [(key: "Ctrl-S", action: "send"), (key: "Esc", action: "cancel")] }
        if let prompt { return prompt.hints }
        var hints: [(key: String, action: String)] = [(key: "↑↓", action: "steps"), (key: "J/K", action: "scroll")]
        if selectedStep?.isWaitingWebhook == true { hints += [(key: "c", action: "copy URL"), (key: "s", action: "send callback")] }
        if let status = detail?.summary.status, !status.isFinished { hints.append((key: "x", action: "cancel")) }
        hints += [(key: "r", action: "resubmit"), (key: "Esc", action: "back"), (key: "q", action: "quit")]
        return hints
    }

    var isTyping: Bool { editor != nil }

    var wantsTicks: Bool { (isLoading && detail == nil) || pendingControl != nil || sendingTo != nil }

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
    mutating func appear() -> [WorkbenchEffect] {
        isLoading = false
        reloadPending = false
        return load()
    }

    mutating func layout(area: Rect) {
        self.area = area
        cursor.reveal(count: steps.count, visible: visibleSteps)
        rebuildDetail(keepScroll: true)
    }

    mutating func receive(_ event: WorkbenchEvent) -> [WorkbenchEffect] {
        switch event {
        case .runLoaded(let app, let id, let result) where app == self.app && id == self.id:
            return loaded(result)
        case .engine(let event) where event.workflow == app && event.runID == id:
            return load()
        case .runControlled(let control, let result):
            return controlled(control, result)
        case .callbackSent(let url, let result):
            return callbackSent(url, result)
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

    private mutating func loaded(_ result: Result<RunDetail, DesignerFailure>) -> [WorkbenchEffect] {
        guard isLoading else { return [] }
        isLoading = false
        switch result {
        case .success(let run):
            show(run)
        case .failure(let failure):
            if detail == nil { loadError = failure.message }
            banner = Banner(text: "Could not load run \(id): \(failure.message)", isError: true)
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
        let previous = selectedStep?.name
        let isFirst = detail == nil
        detail = run
        loadError = nil
        steps = RunStep.steps(of: run)
        longestName = steps.map { TextLayout.width($0.name) }.max() ?? 4
        startedWidth = steps.map { RunTimes.short($0.startTime, sameDayAs: run.summary.startTime).count }.max() ?? 8
        let index: Int
        if isFirst {
            index = steps.firstIndex { $0.isWaitingWebhook } ?? steps.firstIndex { $0.role == .statusFailed || $0.role == .statusTimedOut } ?? 0
        } else {
            index = previous.flatMap { name in steps.firstIndex { $0.name == name } } ?? cursor.selected
        }
        cursor.select(index, count: steps.count, visible: visibleSteps)
        rebuildDetail(keepScroll: !isFirst && selectedStep?.name == previous)
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

    private mutating func controlled(_ control: RunControl, _ result: Result<RunDetail, DesignerFailure>) -> [WorkbenchEffect] {
        guard pendingControl == control else { return [] }
        pendingControl = nil
        switch (control, result) {
        case (.cancel, .success(let run)):
            show(run)
            banner = Banner(text: "Cancelled run \(id)", isError: false)
            return []
        case (.resubmit, .success(let run)):
            banner = Banner(text: "Resubmitted as \(run.summary.id)", isError: false)
            return [.show(.runDetail(app: app, id: run.summary.id))]
        case (.cancel, .failure(let failure)):
            banner = Banner(text: "Could not cancel run \(id): \(failure.message)", isError: true)
        case (.resubmit, .failure(let failure)):
            banner = Banner(text: "Could not resubmit run \(id): \(failure.message)", isError: true)
        }
        return []
    }

    private mutating func callbackSent(_ url: String, _ result: Result<CallbackAnswer, DesignerFailure>) -> [WorkbenchEffect] {
        guard sendingTo == url else { return [] }
        sendingTo = nil
        editor?.isSending = false
        switch result {
        case .success(let answer) where answer.isAccepted:
            editor = nil
            banner = Banner(text: "Callback accepted (\(answer.status)); the run resumes", isError: false)
            return load()
        case .success(let answer):
            let why = "The engine answered \(answer.status) to the callback; the action did not take it" + (answer.reason.map { " (\($0))" } ?? "")
            editor?.error = why
            banner = Banner(text: why, isError: true)
        case .failure(let failure):
            editor?.error = failure.message
            banner = Banner(text: "Could not send the callback: \(failure.message)", isError: true)
        }
        return []
    }
}
