import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `RunwayVideoProvider` against Runway's documented protocol over real HTTP, through the executor.
@Suite struct RunwayTests {
    static let fake = RunwayFakeServer()
    static let runway = TaskAdapterCase(
        entry: RunwayVideoProvider.entry, dialect: fake, credentials: ["RUNWAYML_API_SECRET": fake.secret],
        models: [ModelCapabilities(id: "gen4_turbo", provider: "runway", modes: [.imageToVideo],
                                   price: Price(amount: Money(micros: 50_000), per: .second))],
        createPath: "/v1/image_to_video")

    @Test func aTakeIsMadeDownloadedAndPaidForAtTheCatalogPrice() async throws {
        // 5 s of gen4_turbo at 5 credits a second, $0.01 a credit.
        try await Self.runway.succeedsEndToEnd(cost: Money(micros: 250_000))
    }

    @Test func theRequestsAreWhatTheDocsSay() async throws {
        try await Self.runway.run { fake, h, adapter in
            #expect(try await Self.runway.take(h, adapter).succeeded)
            let create = try #require(Self.runway.creates(fake).first)
            #expect(create.header("authorization") == "Bearer \(Self.fake.secret)")
            #expect(create.header("x-runway-version") == "2024-11-06")
            let body = try #require(create.json)
            #expect(body["model"] == "gen4_turbo")
            #expect(body["promptImage"] == .string("data:image/png;base64," + (try FixtureMedia.png(0).base64EncodedString())))
            #expect(body["promptText"]?.stringValue == AdapterHarness.request().prompt)
            #expect(body["ratio"] == "720:1280")
            #expect(body["duration"] == .int(5))
            #expect(body["seed"] == .int(7))
            let handle = try #require(await TaskAdapterCase.handle(h))
            #expect(handle.extra == nil)
            let polls = fake.requests("GET", "/v1/tasks/")
            #expect(polls.count == 2 && polls.allSatisfy { $0.path == "/v1/tasks/\(handle.jobID)" })
            #expect(polls.allSatisfy { $0.header("x-runway-version") == "2024-11-06" })
        }
    }

    @Test func firstAndLastFramesGoAsPositionedImagesToVeo() async throws {
        try await Self.runway.run { fake, h, adapter in
            let request = AdapterHarness.request(mode: .firstLastFrame, model: "veo3.1", aspect: .landscape)
            #expect(try await Self.runway.take(h, adapter, request: request).succeeded)
            let body = try #require(Self.runway.creates(fake).first?.json)
            let images = try #require(body["promptImage"]?.arrayValue)
            #expect(images.map { $0["position"] } == ["first", "last"])
            #expect(images[1]["uri"] == .string("data:image/png;base64," + (try FixtureMedia.png(1).base64EncodedString())))
            #expect(body["ratio"] == "1280:720")
            #expect(body["audio"] == .bool(false), "no sound asked of Veo unless the project keeps it")
            var sounding = request
            sounding.sound = true
            sounding.seed = 8
            #expect(try await Self.runway.take(h, adapter, request: sounding).succeeded)
            #expect(Self.runway.creates(fake).last?.json?["audio"] == .bool(true))
        }
    }

    @Test(arguments: [(GenerationMode.text, "needs-image"), (.references, "no-references"), (.firstLastFrame, "no-last-frame")])
    func whatGen4TurboCannotDoIsRefusedBeforeAnyRequest(mode: GenerationMode, code: String) async throws {
        try await Self.runway.run { fake, h, adapter in
            let summary = try await Self.runway.take(h, adapter, request: AdapterHarness.request(mode: mode))
            let failure = try #require(summary.failures[TaskAdapterCase.node])
            #expect(failure.reason == .invalidRequest)
            #expect(failure.providerCode == code)
            #expect(fake.requests.isEmpty)
        }
    }

    @Test(arguments: [(401, JobFailure.Reason.auth), (400, .invalidRequest), (402, .budget)])
    func refusalsAreClassifiedAndNotRetried(status: Int, reason: JobFailure.Reason) async throws {
        try await Self.runway.failsPermanently(.respond(RunwayFakeServer.error(status, "refused")), as: reason)
    }

    @Test(arguments: [("SAFETY.INPUT.IMAGE", JobFailure.Reason.moderation), ("INTERNAL.BAD_OUTPUT.CODE01", .failed)])
    func aFailedTaskFailsTheTake(code: String, reason: JobFailure.Reason) async throws {
        try await Self.runway.failsPermanently(.failTask(code: code, message: "could not make it"), as: reason, code: code)
    }

    @Test func aRateLimitWaitsWhatRunwayAsks() async throws {
        try await Self.runway.recovers(from: .respond(RunwayFakeServer.error(429, "slow down", headers: ["Retry-After": "4"])),
                                       on: .create, waiting: 4)
    }

    @Test func aServerErrorOnAPollIsRetried() async throws {
        try await Self.runway.recovers(from: .respond(RunwayFakeServer.error(502, "bad gateway")), on: .poll)
    }

    @Test func aMalformedReportIsRetriedByPollingTheSameTask() async throws {
        try await Self.runway.recovers(from: .malformedJSON, on: .poll)
    }

    @Test func aHungPollPollsTheSameTaskAgain() async throws { try await Self.runway.hungPollPollsTheSameTaskAgain() }

    @Test func anExpiredLinkMakesTheTakeAgain() async throws {
        try await Self.runway.makesTheTakeAgain(after: .expiredLink, on: .download)
    }

    @Test func aForgottenTaskMakesTheTakeAgain() async throws {
        try await Self.runway.makesTheTakeAgain(after: .forgetTask, on: .poll)
    }

    @Test func aTruncatedDownloadIsNeverStored() async throws { try await Self.runway.truncatedDownloadIsNeverStored() }

    @Test func checkAcceptsTheKeyAndRefusesAWrongOne() async throws {
        try await Self.runway.checkAcceptsGoodKeysAndRefusesBadOnes(wrong: ["RUNWAYML_API_SECRET": "key_wrong_00000000"])
    }
}
