import HookflowEngine

extension RunsScreen {
    var firstPage: RunsRequest {
        RunsRequest(app: app, status: filter, top: pageSize, skipToken: nil)
    }

    /// Sends `request` unless one is on its way; a first page asked meanwhile is sent after it.
    mutating func request(_ request: RunsRequest) -> [WorkbenchEffect] {
        guard inFlight == nil else {
            if request.skipToken == nil { refreshPending = true }
            return []
        }
        inFlight = request
        return [.loadRuns(request)]
    }

    /// Asks for the next page when the selection is within a screen of the end of what is loaded.
    mutating func loadMoreIfNeeded() -> [WorkbenchEffect] {
        guard hasLoaded, !pagingFailed, let nextToken, inFlight == nil, runs.count - 1 - cursor.selected < visibleRows else { return [] }
        return request(RunsRequest(app: app, status: filter, top: pageSize, skipToken: nextToken))
    }

    /// Starts over from the first page (a new filter): what is loaded no longer applies.
    mutating func reload() -> [WorkbenchEffect] {
        loaded = LoadedRuns()
        nextToken = nil
        hasLoaded = false
        refreshPending = false
        pagingFailed = false
        loadError = nil
        cursor = ListCursor()
        // An answer to the old query is ignored when it comes: it is not the request in flight.
        inFlight = firstPage
        return [.loadRuns(firstPage)]
    }

    mutating func receivePage(_ request: RunsRequest, _ result: Result<RunPage, DesignerFailure>, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard request == inFlight else { return [] }
        inFlight = nil
        switch result {
        case .success(let page):
            pagingFailed = false
            loadError = nil
            if request.skipToken == nil {
                mergeFirstPage(page)
            } else {
                appendPage(page)
            }
            hasLoaded = true
        case .failure(let failure):
            pagingFailed = true
            if !hasLoaded { loadError = failure.message }
            context.say("Could not load the runs of \(app): \(failure.message)", isError: true)
        }
        if refreshPending {
            refreshPending = false
            return self.request(firstPage)
        }
        return loadMoreIfNeeded()
    }

    private mutating func appendPage(_ page: RunPage) {
        loaded.append(page.runs)
        nextToken = page.skipToken
    }

    /// Puts a fresh first page over what is loaded.
    ///
    /// The page is the truth from the newest run down to its last one. When that last run is loaded,
    /// the page replaces everything down to it and the older pages stay (with their token); otherwise
    /// (more new runs came than a page holds, or it is the whole list) the page replaces the list.
    private mutating func mergeFirstPage(_ page: RunPage) {
        let selectedID = selectedRun?.id
        let oldSelected = cursor.selected
        if hasLoaded, page.skipToken != nil, let last = page.runs.last, let end = loaded.index(of: last.id) {
            loaded.replacePrefix(through: end, with: page.runs)
        } else {
            loaded.replaceAll(with: page.runs)
            nextToken = page.skipToken
        }
        if let selectedID, let index = loaded.index(of: selectedID) {
            // Keep the run selected; when scrolled, keep the view on it too.
            cursor.shift(to: index, keepingView: cursor.top > 0, count: runs.count, visible: visibleRows)
        } else {
            cursor.select(hasLoaded ? oldSelected : 0, count: runs.count, visible: visibleRows)
        }
    }
}
