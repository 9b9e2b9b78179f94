import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `MiniMaxVideoProvider` against MiniMax's documented protocol over real HTTP, through the executor.
@Suite struct MiniMaxTests {
    static let fake = MiniMaxFakeServer()
    static let minimax = TaskAdapterCase(
        entry: MiniMaxVideoProvider.entry, dialect: fake, credentials: ["MINIMAX_API_KEY": fake.key],
        models: [ModelCapabilities(id: "MiniMax-Hailuo-02", provider: "minimax",
                                   price: Price(amount: Money(micros: 280_000), per: .clip))],
        createPath: "/v1/video_generation")

    @Test func aTakeIsMadeFoundDownloadedAndPaidForAtTheCatalogPrice() async throws {
        try await Self.minimax.succeedsEndToEnd(cost: Money(micros: 280_000))
    }

    @Test(arguments: [GenerationMode.imageToVideo, .firstLastFrame])
    func theRequestsAreWhatTheDocsSay(mode: GenerationMode) async throws {
        try await Self.minimax.run { fake, h, adapter in
            #expect(try await Self.minimax.take(h, adapter, request: AdapterHarness.request(mode: mode)).succeeded)
            let create = try #require(Self.minimax.creates(fake).first)
            #expect(create.header("authorization") == "Bearer \(Self.fake.key)")
            let body = try #require(create.json)
            #expect(body["model"] == "MiniMax-Hailuo-02")
            #expect(body["duration"] == .int(5))
            #expect(body["resolution"] == "768P")
            #expect(body["first_frame_image"] == .string("data:image/png;base64," + (try FixtureMedia.png(0).base64EncodedString())))
            #expect((body["last_frame_image"] != nil) == (mode == .firstLastFrame))
            let handle = try #require(await TaskAdapterCase.handle(h))
            let polls = fake.requests("GET", "/v1/query/video_generation")
            #expect(polls.count == 2 && polls.allSatisfy { $0.query["task_id"] == handle.jobID })
            let files = fake.requests("GET", "/v1/files/retrieve")
            #expect(files.map { $0.query["file_id"] } == ["file-\(handle.jobID)"])
            #expect(files.first?.bearerToken == Self.fake.key)
        }
    }

    @Test func textToVideoIsLandscapeOnly() async throws {
        try await Self.minimax.run { fake, h, adapter in
            let landscape = AdapterHarness.request(mode: .text, aspect: .landscape)
            #expect(try await Self.minimax.take(h, adapter, request: landscape).succeeded)
            #expect(Self.minimax.creates(fake).first?.json?["first_frame_image"] == nil)
            let vertical = try await Self.minimax.take(h, adapter, request: AdapterHarness.request(mode: .text, seed: 8))
            #expect(vertical.failures[TaskAdapterCase.node]?.providerCode == "text-is-16:9")
            #expect(Self.minimax.creates(fake).count == 1)
        }
    }

    @Test(arguments: [(1004, JobFailure.Reason.auth), (1008, .budget), (1026, .moderation), (1027, .moderation),
                      (2013, .invalidRequest)])
    func businessErrorsInside200AreClassifiedAndNotRetried(code: Int, reason: JobFailure.Reason) async throws {
        try await Self.minimax.failsPermanently(.respond(MiniMaxFakeServer.error(code, "refused")), as: reason, code: "\(code)")
    }

    @Test func aFailedTaskFailsTheTake() async throws {
        try await Self.minimax.failsPermanently(.failTask(code: "Fail", message: ""), as: .failed, code: "Fail")
    }

    @Test func aRateLimitInside200IsWaitedOut() async throws {
        try await Self.minimax.recovers(from: .respond(MiniMaxFakeServer.error(1002, "rate limit", headers: ["Retry-After": "5"])),
                                        on: .create, waiting: 5)
    }

    @Test func aServerErrorInside200IsRetried() async throws {
        try await Self.minimax.recovers(from: .respond(MiniMaxFakeServer.error(1024, "internal error")), on: .poll)
    }

    @Test func aMalformedReportIsRetriedByPollingTheSameTask() async throws {
        try await Self.minimax.recovers(from: .malformedJSON, on: .poll)
    }

    @Test func aFailedFileLookupIsRetriedFromTheSameTask() async throws {
        try await Self.minimax.recovers(from: .respond(.status(503)), on: .file)
    }

    @Test func aHungPollPollsTheSameTaskAgain() async throws { try await Self.minimax.hungPollPollsTheSameTaskAgain() }

    @Test func anExpiredLinkMakesTheTakeAgain() async throws {
        try await Self.minimax.makesTheTakeAgain(after: .expiredLink, on: .download)
    }

    @Test func aTruncatedDownloadIsNeverStored() async throws { try await Self.minimax.truncatedDownloadIsNeverStored() }

    @Test func checkAcceptsTheKeyAndRefusesAWrongOne() async throws {
        try await Self.minimax.checkAcceptsGoodKeysAndRefusesBadOnes(wrong: ["MINIMAX_API_KEY": "wrong-minimax-key-0000"])
    }
}
