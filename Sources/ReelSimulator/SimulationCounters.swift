import Foundation

/// What the simulated provider has seen and done, for tests to assert on: a crash test
/// checks that killing the client never made a second job for the same take.
public struct SimulationCounters: Codable, Sendable, Hashable {
    /// Every `POST /v1/generations`, refused or not.
    public var createRequests = 0
    /// Jobs made (a replay of an idempotency key makes none).
    public var createdJobs = 0
    /// Creates answered with an existing job because their idempotency key was seen before.
    public var idempotentReplays = 0
    /// Every `GET /v1/generations/{id}`.
    public var pollRequests = 0
    /// Stills made by `POST /v1/images`.
    public var images = 0
    /// Critiques the simulated critic gave (`POST /v1/chat/completions`).
    public var critiques = 0
    /// Every `GET /v1/files/{token}`.
    public var downloads = 0
    /// Downloads answered with the whole file.
    public var completedDownloads = 0
    /// Requests refused for a missing or wrong key.
    public var unauthorized = 0
    /// Requests refused as invalid (400, 404, 422).
    public var invalid = 0
    /// Faults injected, by ``SimulatedFault/kind``.
    public var faults: [String: Int] = [:]
    /// Jobs made per idempotency key: more than one means a client paid twice.
    public var jobsPerIdempotencyKey: [String: Int] = [:]

    public init() {}

    /// Keys that made more than one job.
    public var duplicatedKeys: [String] { jobsPerIdempotencyKey.filter { $0.value > 1 }.keys.sorted() }
}
