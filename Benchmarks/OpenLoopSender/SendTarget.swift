/// One request of the schedule: the URL, and the run whose end it should bring (if any).
struct SendTarget: Sendable {
    var runID: String?
    var url: String
}
