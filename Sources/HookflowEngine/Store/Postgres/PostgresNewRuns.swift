import Foundation
import Logging
import NIOCore
import PostgresNIO

/// New runs and the first records of their actions, as column arrays: the new runs of every
/// commit in one group transaction are inserted with one statement per table
/// (`INSERT … SELECT * FROM unnest($1::text[], …)`) instead of one round trip per row — a storm
/// of trigger callbacks costs the writer's connection two statements per commit, not two per
/// callback (issue 14: "a multi-row insert or a pipelined batch per commit").
///
/// Only a commit that starts a run and writes nothing but rows of that new run is carried this
/// way (``PostgresStore/newRunRows(_:)``): those rows are nobody else's yet, so inserting them
/// before the batch's other writes is one of the orders the concurrent writes could have had.
/// Values are packed and sealed by the caller, outside the writer's transaction.
struct PostgresNewRuns: Sendable {
    struct Runs: Sendable {
        var id: [String] = []
        var workflow: [String] = []
        var version: [Int64] = []
        var trigger: [String] = []
        var status: [String] = []
        var start: [Double] = []
        var end: [Double?] = []
        var outputs: [ByteBuffer] = []
        var sealedOutputs: [ByteBuffer?] = []
        var error: [ByteBuffer?] = []
        var recoveries: [Int64] = []
        var leaseOwner: [String] = []
        var leaseUntil: [Double] = []
    }

    struct Actions: Sendable {
        var runID: [String] = []
        var name: [String] = []
        var repetition: [String] = []
        var type: [String] = []
        var status: [String] = []
        var code: [String?] = []
        var start: [Double] = []
        var end: [Double?] = []
        var inputs: [ByteBuffer?] = []
        var outputs: [ByteBuffer?] = []
        var sealedOutputs: [ByteBuffer?] = []
        var error: [ByteBuffer?] = []
        var subscriptionID: [String?] = []
        var unsubscribe: [ByteBuffer?] = []
        var callbackBase: [String?] = []
        var effectOwner: [String?] = []
    }

    var runs = Runs()
    var actions = Actions()

    var isEmpty: Bool { runs.id.isEmpty && actions.runID.isEmpty }

    /// Every part's rows together, in order.
    static func merged(_ parts: [PostgresNewRuns]) -> PostgresNewRuns {
        guard parts.count > 1 else { return parts.first ?? PostgresNewRuns() }
        var all = PostgresNewRuns()
        for part in parts {
            all.runs.id += part.runs.id
            all.runs.workflow += part.runs.workflow
            all.runs.version += part.runs.version
            all.runs.trigger += part.runs.trigger
            all.runs.status += part.runs.status
            all.runs.start += part.runs.start
            all.runs.end += part.runs.end
            all.runs.outputs += part.runs.outputs
            all.runs.sealedOutputs += part.runs.sealedOutputs
            all.runs.error += part.runs.error
            all.runs.recoveries += part.runs.recoveries
            all.runs.leaseOwner += part.runs.leaseOwner
            all.runs.leaseUntil += part.runs.leaseUntil
            all.actions.runID += part.actions.runID
            all.actions.name += part.actions.name
            all.actions.repetition += part.actions.repetition
            all.actions.type += part.actions.type
            all.actions.status += part.actions.status
            all.actions.code += part.actions.code
            all.actions.start += part.actions.start
            all.actions.end += part.actions.end
            all.actions.inputs += part.actions.inputs
            all.actions.outputs += part.actions.outputs
            all.actions.sealedOutputs += part.actions.sealedOutputs
            all.actions.error += part.actions.error
            all.actions.subscriptionID += part.actions.subscriptionID
            all.actions.unsubscribe += part.actions.unsubscribe
            all.actions.callbackBase += part.actions.callbackBase
            all.actions.effectOwner += part.actions.effectOwner
        }
        return all
    }

    /// At most two statements, whatever the number of rows.
    func insert(on connection: PostgresConnection, logger: Logger) async throws {
        if !runs.id.isEmpty {
            var binds = PostgresBindings(capacity: 13)
            binds.append(runs.id)
            binds.append(runs.workflow)
            binds.append(runs.version)
            binds.append(runs.trigger)
            binds.append(runs.status)
            binds.append(runs.start)
            binds.append(PostgresNullableArray(runs.end))
            binds.append(runs.outputs)
            binds.append(PostgresNullableArray(runs.sealedOutputs))
            binds.append(PostgresNullableArray(runs.error))
            binds.append(runs.recoveries)
            binds.append(runs.leaseOwner)
            binds.append(runs.leaseUntil)
            try await connection.query(PostgresQuery(unsafeSQL: """
                INSERT INTO run (id, workflow_name, workflow_version, trigger_name, status, start_time, end_time, trigger_outputs,
                    sealed_trigger_outputs, error, recoveries, lease_owner, lease_until, lease_generation)
                SELECT *, 1 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::bytea[],
                    $9::bytea[], $10::bytea[], $11::bigint[], $12::text[], $13::float8[])
                """, binds: binds), logger: logger).collect()
        }
        if !actions.runID.isEmpty {
            var binds = PostgresBindings(capacity: 16)
            binds.append(actions.runID)
            binds.append(actions.name)
            binds.append(actions.repetition)
            binds.append(actions.type)
            binds.append(actions.status)
            binds.append(PostgresNullableArray(actions.code))
            binds.append(actions.start)
            binds.append(PostgresNullableArray(actions.end))
            binds.append(PostgresNullableArray(actions.inputs))
            binds.append(PostgresNullableArray(actions.outputs))
            binds.append(PostgresNullableArray(actions.sealedOutputs))
            binds.append(PostgresNullableArray(actions.error))
            binds.append(PostgresNullableArray(actions.subscriptionID))
            binds.append(PostgresNullableArray(actions.unsubscribe))
            binds.append(PostgresNullableArray(actions.callbackBase))
            binds.append(PostgresNullableArray(actions.effectOwner))
            try await connection.query(PostgresQuery(unsafeSQL: """
                INSERT INTO action (run_id, name, repetition, type, status, code, start_time, end_time, inputs, outputs, sealed_outputs, error,
                    subscription_id, unsubscribe_request, callback_base, effect_owner)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[],
                    $9::bytea[], $10::bytea[], $11::bytea[], $12::bytea[], $13::text[], $14::bytea[], $15::text[], $16::text[])
                """, binds: binds), logger: logger).collect()
        }
    }
}
