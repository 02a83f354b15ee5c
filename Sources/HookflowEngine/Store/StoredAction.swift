import Foundation
import HookflowModel

/// One action of one run: its status, what went in and came out, and for a webhook action
/// what is needed to unsubscribe. A row is written when the action starts (or is skipped).
public struct StoredAction: Sendable, Equatable {
    public var runID: String
    public var name: String
    /// Which iteration of the loops around the action this record is: empty outside loops, else
    /// one 6-digit index per loop, outermost first (`000002`, `000000-000003`), as Logic Apps
    /// names repetitions. A run holds one record per action and repetition.
    public var repetition: String
    public var type: String
    public var status: ActionStatus
    /// `ActionTimedOut`, `ActionFailed`, `ActionSkipped`, the HTTP status name, ...
    public var code: String?
    public var startTime: Date
    public var endTime: Date?
    /// Inputs as evaluated, secrets already masked (never needed to run anything again).
    public var inputs: JSONValue?
    /// Outputs as produced; later actions read them (`body('A')`).
    public var outputs: JSONValue?
    /// What run history shows of the outputs when they hold a secret (`secureData` outputs, or
    /// values made from a secret): nil when that is the outputs themselves. The store keeps only
    /// this in clear; the real outputs are sealed beside it.
    public var maskedOutputs: JSONValue?
    public var error: JSONValue?
    /// Webhook actions: the subscription id sent as `x-ms-client-tracking-id`.
    public var subscriptionID: String?
    /// Webhook actions: the resolved unsubscribe request, stored before subscribing.
    public var unsubscribeRequest: OutboundRequest?
    /// The base URL a waiting webhook action's callback URL was made on: when the engine's base
    /// changes, the actions on an old one subscribe again with their new URL.
    public var callbackBase: String?
    /// Read, never written: the action is `Running` and its outside effect (an HTTP call, a
    /// subscribe) is being made by another engine node that is alive (PostgreSQL). A node that
    /// loads the run must not make it again; should that node stop, its effects are adopted by
    /// another (``PostgresStore/claimOrphanedEffects(limit:)``). Always false on one SQLite file.
    public var effectElsewhere = false

    public init(runID: String, name: String, repetition: String = "", type: String, status: ActionStatus, code: String? = nil, startTime: Date,
                endTime: Date? = nil, inputs: JSONValue? = nil, outputs: JSONValue? = nil, maskedOutputs: JSONValue? = nil, error: JSONValue? = nil,
                subscriptionID: String? = nil, unsubscribeRequest: OutboundRequest? = nil, callbackBase: String? = nil) {
        self.runID = runID
        self.name = name
        self.repetition = repetition
        self.type = type
        self.status = status
        self.code = code
        self.startTime = startTime
        self.endTime = endTime
        self.inputs = inputs
        self.outputs = outputs
        self.maskedOutputs = maskedOutputs
        self.error = error
        self.subscriptionID = subscriptionID
        self.unsubscribeRequest = unsubscribeRequest
        self.callbackBase = callbackBase
    }

    /// The record's key within its run: the name, with `#repetition` inside loops
    /// (``ActionKey``). Timers, callback URLs and the engine's maps use it.
    public var key: String { ActionKey.make(name: name, repetition: repetition) }

    /// The outputs as run history shows them.
    public var historyOutputs: JSONValue? { maskedOutputs ?? outputs }

    /// Whether the outputs hold a secret: what reads them is secret too.
    public var hasSecretOutputs: Bool { maskedOutputs != nil }

    /// What expressions see as `actions('Name')`.
    public var expressionValue: JSONValue {
        var object: JSONObject = ["name": .string(name), "status": .string(status.rawValue)]
        if let code { object["code"] = .string(code) }
        if let inputs { object["inputs"] = inputs }
        object["outputs"] = outputs ?? .null
        if let error { object["error"] = error }
        object["startTime"] = .string(Timestamps.format(startTime))
        if let endTime { object["endTime"] = .string(Timestamps.format(endTime)) }
        return .object(object)
    }
}

/// The key of one action record in a run: `Name` outside loops, `Name#000002` (`#` and the
/// repetition) inside them. Logic Apps action names may contain `#`, so a key is split at its
/// last `#` only when what follows is a repetition, and a name that ends like one is still told
/// apart by the caller knowing its steps (``split(_:isStep:)``).
public enum ActionKey {
    public static func make(name: String, repetition: String) -> String {
        repetition.isEmpty ? name : name + "#" + repetition
    }

    /// The repetition of iteration `index` inside `parent` (the repetition around the loop).
    public static func repetition(_ index: Int, inside parent: String) -> String {
        let own = String(repeating: "0", count: max(0, 6 - String(index).count)) + String(index)
        return parent.isEmpty ? own : parent + "-" + own
    }

    /// The name and repetition of `key`. `isStep` says whether a whole key is a step's name
    /// (then it has no repetition, whatever it looks like).
    public static func split(_ key: String, isStep: (String) -> Bool = { _ in false }) -> (name: String, repetition: String) {
        guard !isStep(key), let hash = key.lastIndex(of: "#") else { return (key, "") }
        let tail = key[key.index(after: hash)...]
        let isRepetition = !tail.isEmpty && tail.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
            part.count >= 6 && part.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return isRepetition ? (String(key[..<hash]), String(tail)) : (key, "")
    }

    /// The 0-based iteration indexes of a repetition, outermost first.
    public static func indexes(of repetition: String) -> [Int] {
        repetition.isEmpty ? [] : repetition.split(separator: "-").compactMap { Int($0) }
    }
}

/// A durable timer: a row with a due time, so timers that expire while the engine is down fire
/// when it starts.
public struct StoredTimer: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `limit.timeout` of a waiting action.
        case actionTimeout
        /// The end of a `Wait` (Delay) action.
        case wait
        /// The run duration limit.
        case runTimeout
    }

    public var id: Int64?
    public var kind: Kind
    public var workflowName: String
    public var runID: String
    /// The action's key (``ActionKey``); nil for the run timeout.
    public var actionName: String?
    public var dueAt: Date

    public init(id: Int64? = nil, kind: Kind, workflowName: String, runID: String, actionName: String?, dueAt: Date) {
        self.id = id
        self.kind = kind
        self.workflowName = workflowName
        self.runID = runID
        self.actionName = actionName
        self.dueAt = dueAt
    }
}
