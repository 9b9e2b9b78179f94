import Foundation
import ReelModel

/// One generation job on the simulated provider.
struct SimulatedJob: Sendable {
    enum Phase: String, Sendable { case queued, running, succeeded, failed }

    let id: String
    let request: SimulatedGenerationRequest
    let idempotencyKey: String?
    /// Stable across runs: the idempotency key, or the request itself and its ordinal.
    let identity: String
    let createdAt: Date
    /// Seconds it runs once it has a slot.
    let latency: Double
    /// Set when the job will end failed.
    let failureCode: String?
    /// The link is dead before anyone downloads it.
    var linkExpired: Bool
    /// Set when the job succeeds with a broken clip.
    let defect: ClipDefect?
    /// The unguessable part of the result link.
    let token: String
    let cost: Money
    var phase: Phase = .queued
    var startedAt: Date?
    var finishedAt: Date?
    var polls = 0
    var downloads = 0

    /// When a running job finishes.
    var finishesAt: Date? { startedAt.map { $0.addingTimeInterval(latency) } }

    /// When the result link stops working.
    func expiresAt(lifetime: Double) -> Date? {
        guard let finishedAt else { return nil }
        return linkExpired ? finishedAt : finishedAt.addingTimeInterval(lifetime)
    }

    /// The job as `GET /v1/generations/{id}` shows it.
    func json(now: Date, queuePosition: Int?, baseURL: String, lifetime: Double) -> JSONValue {
        var out: [String: JSONValue] = [
            "id": .string(id), "object": "generation", "status": .string(phase.rawValue), "model": .string(request.model),
            "created_at": .int(Int64(createdAt.timeIntervalSince1970)), "duration_ms": .int(request.durationMilliseconds),
            "width": .int(Int64(request.width)), "height": .int(Int64(request.height)), "seed": .string(String(request.seed)),
        ]
        switch phase {
        case .queued:
            out["progress"] = 0
            if let queuePosition { out["queue_position"] = .int(Int64(queuePosition)) }
        case .running:
            let elapsed = startedAt.map { now.timeIntervalSince($0) } ?? 0
            let fraction = latency > 0 ? min(0.99, max(0, elapsed / latency)) : 0.99
            out["progress"] = .double((fraction * 100).rounded() / 100)
        case .succeeded:
            out["progress"] = 1
            let expires = expiresAt(lifetime: lifetime) ?? now
            out["result"] = .object([
                "url": .string("\(baseURL)/v1/files/\(token)"),
                "expires_at": .int(Int64(expires.timeIntervalSince1970)),
            ])
            out["cost"] = .object(["amount": .string(Self.amount(cost)), "currency": .string(cost.currency)])
        case .failed:
            out["progress"] = 1
            let code = failureCode ?? "internal"
            out["error"] = .object(["code": .string(code), "message": .string(Self.failureMessage(code))])
        }
        if let finishedAt { out["finished_at"] = .int(Int64(finishedAt.timeIntervalSince1970)) }
        return .object(out)
    }

    /// `0.25`: the decimal amount, at least two places.
    static func amount(_ money: Money) -> String {
        let whole = money.micros / 1_000_000
        var fraction = String(format: "%06lld", money.micros % 1_000_000)
        while fraction.count > 2, fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    static func failureMessage(_ code: String) -> String {
        switch code {
        case "moderation": "The request was rejected by the content policy."
        case "internal": "The generation failed on our side; try again."
        default: "The generation failed (\(code))."
        }
    }
}
