import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

@Suite struct SimulatedServerTests {
    @Test(arguments: [nil, "", "wrong"] as [String?])
    func createNeedsAnAcceptedBearerKey(apiKey: String?) async throws {
        var config = SimulationConfig.instant
        config.apiKey = "sim-key"
        try await withSim(config) { sim, _ in
            let response = try await SimCalls(sim: sim).create(authorization: apiKey.map { .key($0) } ?? .missing)
            #expect(response.status == 401)
            #expect(response.errorCode == "unauthorized")
            #expect(sim.counters.unauthorized == 1)
            #expect(sim.counters.createdJobs == 0)
        }
    }

    @Test func aRepeatedIdempotencyKeyReturnsTheSameJob() async throws {
        try await withSim { sim, _ in
            let calls = SimCalls(sim: sim)
            let first = try await calls.create(key: "take-1")
            #expect(first.status == 201)
            #expect(first.json?["status"] == "queued")
            #expect(first.id.hasPrefix("gen_"))
            let again = try await calls.create(key: "take-1")
            #expect(again.status == 200)
            #expect(again.id == first.id)
            let other = try await calls.create(key: "take-2")
            #expect(other.status == 201)
            #expect(other.id != first.id)
            let counters = sim.counters
            #expect(counters.createRequests == 3)
            #expect(counters.createdJobs == 2)
            #expect(counters.idempotentReplays == 1)
            #expect(counters.jobsPerIdempotencyKey == ["take-1": 1, "take-2": 1])
        }
    }

    @Test func aKeyReusedForADifferentRequestIsRefused() async throws {
        try await withSim { sim, _ in
            let calls = SimCalls(sim: sim)
            _ = try await calls.create(key: "k")
            let changed = try await calls.create(SimCalls.body(seed: "43"), key: "k")
            #expect(changed.status == 422)
            #expect(changed.errorCode == "idempotency_mismatch")
            #expect(sim.counters.createdJobs == 1)
        }
    }

    @Test(arguments: [
        ("duration_ms", SimCalls.body(duration: "1000")), ("duration_ms", SimCalls.body(duration: 99_000)),
        ("width", SimCalls.body(width: 65)), ("height", SimCalls.body(height: 1.5)), ("fps", SimCalls.body(fps: 24)),
        ("fps", SimCalls.body(fps: "23.976")), ("model", SimCalls.body(model: "sora-2")),
        ("seed", SimCalls.body(seed: "-1")), ("seed", SimCalls.body(seed: "18446744073709551616")),
    ])
    func fieldsOfTheWrongTypeOrRangeAreRefusedByName(field: String, body: JSONValue) async throws {
        try await withSim { sim, _ in
            let response = try await SimCalls(sim: sim).create(body)
            #expect(response.status == 400)
            #expect(response.json?["error"]?["param"]?.stringValue == field)
            #expect(sim.counters.createdJobs == 0)
        }
    }

    @Test func jobsWaitForASlotAndReportProgressAndCost() async throws {
        let clock = ManualClock()
        let config = SimulationConfig(latency: 10...10, concurrency: 1, pricePerSecond: Money(micros: 50_000))
        try await withSim(config, clock: clock) { sim, _ in
            let calls = SimCalls(sim: sim)
            let a = try await calls.create(key: "a").id
            let b = try await calls.create(SimCalls.body(duration: 3000), key: "b").id
            clock.advance(by: 5)
            let runningA = try await calls.poll(a).json
            #expect(runningA?["status"] == "running")
            #expect(runningA?["progress"]?.doubleValue == 0.5)
            let queuedB = try await calls.poll(b).json
            #expect(queuedB?["status"] == "queued")
            #expect(queuedB?["queue_position"] == 1)
            clock.advance(by: 7)
            let doneA = try await calls.poll(a).json
            #expect(doneA?["status"] == "succeeded")
            #expect(doneA?["cost"] == ["amount": "0.05", "currency": "USD"])
            #expect(doneA?["result"]?["url"]?.stringValue?.hasPrefix(sim.baseURL.absoluteString + "/v1/files/") == true)
            #expect(try await calls.poll(b).json?["progress"]?.doubleValue == 0.2)
            clock.advance(by: 8)
            let doneB = try await calls.poll(b).json
            #expect(doneB?["status"] == "succeeded")
            #expect(doneB?["cost"]?["amount"] == "0.15")
        }
    }

    @Test func unknownJobsAndFilesAreNotFound() async throws {
        try await withSim { sim, dir in
            let calls = SimCalls(sim: sim)
            #expect(try await calls.poll("gen_nope").status == 404)
            let download = try await calls.download(sim.baseURL.absoluteString + "/v1/files/nope", to: dir.file("x.mp4"))
            #expect(download.status == 404)
        }
    }

    @Test func resultLinksExpire() async throws {
        let clock = ManualClock()
        var config = SimulationConfig.instant
        config.resultLifetime = 60
        try await withSim(config, clock: clock) { sim, dir in
            let calls = SimCalls(sim: sim)
            let id = try await calls.create(key: "k").id
            let link = try #require(try await calls.poll(id).json?["result"]?["url"]?.stringValue)
            clock.advance(by: 61)
            let download = try await calls.download(link, to: dir.file("late.mp4"))
            #expect(download.status == 410)
            #expect(download.response.errorCode == "expired")
            #expect(!FileManager.default.fileExists(atPath: dir.file("late.mp4").path))
        }
    }

    @Test func theSameSeedMakesTheSameRandomDecisions() async throws {
        let config = SimulationConfig(latency: 0...0, seed: 7, faults: FaultPlan(rateLimit: 0.4, serverErrorOnCreate: 0.2))
        func statuses() async throws -> [Int] {
            try await withSim(config) { sim, _ in
                var out: [Int] = []
                for i in 0..<24 { out.append(try await SimCalls(sim: sim).create(key: "key-\(i)").status) }
                return out
            }
        }
        let first = try await statuses()
        #expect(first.contains(429))
        #expect(first.contains(201))
        #expect(try await statuses() == first)
    }
}
