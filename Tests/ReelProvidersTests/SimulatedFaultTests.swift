import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// Each fault the simulated provider can inject, scripted onto an exact request.
@Suite struct SimulatedFaultTests {
    @Test func aRateLimitedCreateMakesNothingAndSaysWhenToComeBack() async throws {
        try await withSim { sim, _ in
            sim.script(.rateLimited(retryAfter: 3), on: .create, request: 1)
            let calls = SimCalls(sim: sim)
            let refused = try await calls.create(key: "k")
            #expect(refused.status == 429)
            #expect(refused.header("retry-after") == "3")
            #expect(HTTPStatusPolicy(provider: "sim").failure(for: refused)?.retryAfter == 3)
            #expect(try await calls.create(key: "k").status == 201)
            #expect(sim.counters.createdJobs == 1)
            #expect(sim.counters.faults == ["rate-limited": 1])
        }
    }

    @Test func aServerErrorOnCreateMakesNothing() async throws {
        try await withSim { sim, _ in
            sim.scriptNext(.serverError(status: 503), on: .create)
            let response = try await SimCalls(sim: sim).create(key: "k")
            #expect(response.status == 503)
            #expect(sim.counters.createdJobs == 0)
        }
    }

    @Test func aHungCreateStillMakesTheJobAndTheRetryGetsItBack() async throws {
        try await withSim { sim, _ in
            sim.scriptNext(.hang(seconds: 30), on: .create)
            let calls = SimCalls(sim: sim)
            let failure = await #expect(throws: JobFailure.self) { try await calls.create(key: "k", timeout: 0.3) }
            #expect(failure?.reason == .timedOut)
            // The client gave up after 0.3 s; on a loaded machine the server may not have read
            // the hung request yet. The retry is the one that must find the job: it goes once
            // the server has made it (the order this test is about), not before.
            for _ in 0..<3000 where sim.counters.createdJobs == 0 { try await Task.sleep(for: .milliseconds(10)) }
            let retried = try await calls.create(key: "k")
            #expect(retried.status == 200)
            #expect(sim.counters.createdJobs == 1)
            #expect(sim.counters.idempotentReplays == 1)
            #expect(sim.counters.faults == ["hang": 1])
        }
    }

    @Test(arguments: ["moderation", "internal"])
    func aJobCanEndFailed(code: String) async throws {
        try await withSim { sim, _ in
            sim.scriptNext(.jobFails(code: code), on: .create)
            let calls = SimCalls(sim: sim)
            let id = try await calls.create(key: "k").id
            let report = try await calls.poll(id).json
            #expect(report?["status"] == "failed")
            #expect(report?["error"]?["code"]?.stringValue == code)
            #expect(report?["result"] == nil)
            #expect(report?["cost"] == nil)
        }
    }

    @Test func pollsCanFailHangOrComeBackMalformed() async throws {
        try await withSim { sim, _ in
            let calls = SimCalls(sim: sim)
            let id = try await calls.create(key: "k").id
            sim.script(.serverError(status: 502), on: .poll, request: 1)
            sim.script(.malformedJSON, on: .poll, request: 2)
            sim.script(.hang(seconds: 30), on: .poll, request: 3)
            #expect(try await calls.poll(id).status == 502)
            let malformed = try await calls.poll(id)
            #expect(malformed.status == 200)
            #expect(malformed.json == nil)
            await #expect(throws: JobFailure.self) { try await calls.poll(id, timeout: 0.3) }
            #expect(try await calls.poll(id).json?["status"] == "succeeded")
            #expect(sim.counters.faults == ["server-error": 1, "malformed-json": 1, "hang": 1])
            #expect(sim.counters.pollRequests == 4)
        }
    }

    @Test func anExpiredLinkStaysDead() async throws {
        try await withSim { sim, dir in
            sim.scriptNext(.expiredLink, on: .create)
            let calls = SimCalls(sim: sim)
            let id = try await calls.create(key: "k").id
            let link = try #require(try await calls.poll(id).json?["result"]?["url"]?.stringValue)
            #expect(try await calls.download(link, to: dir.file("a.mp4")).status == 410)
            #expect(try await calls.download(link, to: dir.file("b.mp4")).status == 410)
            #expect(sim.counters.completedDownloads == 0)
        }
    }

    @Test func aDownloadCanBreakOffAndTheNextOneWorks() async throws {
        var config = SimulationConfig.instant
        config.render = .cheap
        try await withSim(config) { sim, dir in
            sim.scriptNext(.truncatedDownload, on: .download)
            let calls = SimCalls(sim: sim)
            let id = try await calls.create(key: "k").id
            let link = try #require(try await calls.poll(id).json?["result"]?["url"]?.stringValue)
            let failure = await #expect(throws: JobFailure.self) { try await calls.download(link, to: dir.file("a.mp4")) }
            #expect(failure?.reason == .transient)
            #expect(!FileManager.default.fileExists(atPath: dir.file("a.mp4").path))
            let whole = try await calls.download(link, to: dir.file("b.mp4"))
            #expect(whole.status == 200)
            #expect(whole.byteCount > 0)
            #expect(whole.header("content-type") == "video/mp4")
            #expect(sim.counters.faults == ["truncated-download": 1])
            #expect(sim.counters.completedDownloads == 1)
        }
    }

    @Test func faultsCanBeScriptedOverHTTP() async throws {
        try await withSim { sim, _ in
            // The form docs/SIMULATED-PROVIDER.md shows.
            let body: JSONValue = ["endpoint": "create", "request": 1, "fault": ["rateLimited": ["retryAfter": 2]]]
            let scripted = try await AsyncHTTPTransport().send(.json("POST", sim.baseURL.appendingPathComponent("v1/_sim/faults"),
                                                                      body: body))
            #expect(scripted.status == 201)
            let refused = try await SimCalls(sim: sim).create(key: "k")
            #expect(refused.status == 429)
            #expect(refused.header("retry-after") == "2")
            let counters = try await AsyncHTTPTransport().send(HTTPRequest(url: sim.baseURL.appendingPathComponent("v1/_sim/counters")))
            #expect(counters.json?["createRequests"] == 1)
            #expect(counters.json?["faults"]?["rate-limited"] == 1)
        }
    }
}
