import HookflowEngine

/// An app's runs, newest first: a live, paged list that never holds more than the pages scrolled to.
///
/// The first page loads on ``appear()``; the next one when the selection comes within a screen of
/// the end of what is loaded. Engine events about the app's runs update the row they name and load
/// the first page again, merged into the list (new runs on top, the selection kept on its run).
/// One request is on its way at a time; what is asked meanwhile is asked after it. When new
/// runs arrive above a scrolled view, the view stays on what it showed and `↑ N more` says so.
struct RunsScreen: Screen {
    let app: String
    /// `nil` shows every run.
    var filter: RunStatus?
    /// The runs loaded so far, newest first, by id too (events name runs by id).
    var loaded = LoadedRuns()
    /// The token for the page after the loaded runs; `nil` when everything is loaded.
    var nextToken: String?
    /// Whether the first page has arrived (before it, the screen says it is loading).
    var hasLoaded = false
    /// The request on its way, if any.
    var inFlight: RunsRequest?
    /// An event asked for the first page while a request was on its way.
    var refreshPending = false
    /// The last load failed; no more pages are asked for on their own until a key is pressed.
    var pagingFailed = false
    var loadError: String?
    var cursor = ListCursor()
    var area = Rect(width: 80, height: 21)
    /// The cancel or resubmit on its way.
    var pendingControl: RunControl?
    /// The last search by run id.
    var searchQuery: String?

    /// The filters `f` goes through.
    static let filters: [RunStatus?] = [nil, .waiting, .running, .failed, .succeeded, .cancelled, .timedOut]

    init(app: String) {
        self.app = app
    }

    var title: String? {
        "Runs · \(app)" + (filter.map { " · \($0.rawValue)" } ?? "")
    }

    var keyHelp: KeyHelp { Self.keyMap.help }

    var wantsTicks: Bool { inFlight != nil || pendingControl != nil }

    /// The runs loaded so far, newest first.
    var runs: [RunSummary] { loaded.runs }

    var selectedRun: RunSummary? {
        runs.indices.contains(cursor.selected) ? runs[cursor.selected] : nil
    }

    /// Rows of runs on screen: the area less the column header and the footer.
    var visibleRows: Int { max(1, area.height - 2) }

    /// How many runs a request asks for: two screens, at least 50.
    var pageSize: Int { max(50, 2 * visibleRows) }

    /// Asks for the first page, even with a request thought to be on its way (after a lost
    /// connection its answer may never come; if it does, it is ignored as not the one in flight).
    mutating func appear(_ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        refreshPending = false
        inFlight = nil
        return request(firstPage)
    }

    /// Ctrl-L: the first page again, after the request on its way if there is one.
    mutating func reload(_ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        request(firstPage)
    }

    mutating func layout(area: Rect, _ context: WorkbenchContext) {
        self.area = area
        cursor.reveal(count: runs.count, visible: visibleRows)
    }

    mutating func receive(_ event: WorkbenchEvent, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        switch event {
        case .runsLoaded(let request, let result):
            return receivePage(request, result, &context)
        case .engine(let event) where event.workflow == app && (event.kind == .runChanged || event.kind == .actionChanged):
            if event.kind == .runChanged, let id = event.runID, let index = loaded.index(of: id),
               let status = event.status.flatMap(RunStatus.init(caseInsensitive:)) {
                var run = loaded[index]
                run.status = status
                if status != .waiting { run.waitingActions = [] }
                loaded[index] = run
            }
            return request(firstPage)
        case .runLoaded(let app, let id, .success(let detail)) where app == self.app:
            // A run detail was loaded (the detail screen): its row may as well be fresh.
            if let index = loaded.index(of: id) { loaded[index] = detail.summary }
            return []
        case .runControlled(let control, let result):
            return controlled(control, result, &context)
        default:
            return []
        }
    }

    // MARK: Controls

    private mutating func controlled(_ control: RunControl, _ result: Result<RunDetail, DesignerFailure>, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard pendingControl == control else { return [] }
        pendingControl = nil
        switch (control, result) {
        case (.cancel(_, let id), .success(let detail)):
            if let index = loaded.index(of: id) { loaded[index] = detail.summary }
            context.say("Cancelled run \(id)")
            return []
        case (.resubmit, .success(let detail)):
            context.say("Resubmitted as \(detail.summary.id)")
            return request(firstPage)
        case (.cancel(_, let id), .failure(let failure)):
            context.say("Could not cancel run \(id): \(failure.message)", isError: true)
        case (.resubmit(_, let id), .failure(let failure)):
            context.say("Could not resubmit run \(id): \(failure.message)", isError: true)
        }
        return []
    }
}
