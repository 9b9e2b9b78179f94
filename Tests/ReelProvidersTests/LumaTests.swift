import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `LumaVideoProvider` against both of Luma's documented APIs over real HTTP, through the executor.
@Suite struct LumaTests {
    static let key = "luma-api-3b9e77aa41"
    static let price = Price(amount: Money(micros: 60_000), per: .second)

    static func luma(_ flavor: LumaVideoProvider.API) -> TaskAdapterCase {
        let agents = flavor == .agents
        return TaskAdapterCase(
            entry: agents ? LumaVideoProvider.agentsEntry : LumaVideoProvider.entry,
            dialect: LumaFakeServer(key: key, agents: agents), credentials: ["LUMA_API_KEY": key],
            basePath: agents ? "v1" : "dream-machine/v1",
            models: [ModelCapabilities(id: agents ? "ray-3.2" : "ray-2", provider: ProviderID(flavor.rawValue), price: price)],
            request: AdapterHarness.request(mode: agents ? .imageToVideo : .text),
            createPath: agents ? "/v1/generations" : "/dream-machine/v1/generations/video")
    }

    static let both: [LumaVideoProvider.API] = [.dreamMachine, .agents]

    @Test(arguments: both)
    func aTakeIsMadeDownloadedAndPaidForAtTheCatalogPrice(flavor: LumaVideoProvider.API) async throws {
        try await Self.luma(flavor).succeedsEndToEnd(cost: Money(micros: 300_000))
    }

    @Test func theDreamMachineRequestsAreWhatTheDocsSay() async throws {
        let luma = Self.luma(.dreamMachine)
        try await luma.run { fake, h, adapter in
            #expect(try await luma.take(h, adapter).succeeded)
            let create = try #require(luma.creates(fake).first)
            #expect(create.header("authorization") == "Bearer \(Self.key)")
            let body = try #require(create.json)
            #expect(body == ["model": "ray-2", "prompt": .string(AdapterHarness.request().prompt), "aspect_ratio": "9:16",
                             "duration": "5s", "resolution": "720p"])
            let handle = try #require(await TaskAdapterCase.handle(h))
            #expect(handle.provider == "luma")
            #expect(fake.requests("GET", "/dream-machine/v1/generations/\(handle.jobID)").count == 2)
        }
    }

    @Test(arguments: [GenerationMode.text, .imageToVideo, .firstLastFrame])
    func theAgentsRequestsAreWhatTheDocsSay(mode: GenerationMode) async throws {
        let luma = Self.luma(.agents)
        try await luma.run { fake, h, adapter in
            #expect(try await luma.take(h, adapter, request: AdapterHarness.request(mode: mode)).succeeded)
            let create = try #require(luma.creates(fake).first)
            #expect(create.path == "/v1/generations")
            #expect(create.header("authorization") == "Bearer \(Self.key)")
            let body = try #require(create.json)
            #expect(body["type"] == "video")
            #expect(body["model"] == "ray-3.2")
            #expect(body["aspect_ratio"] == "9:16")
            #expect(body["video"]?["duration"] == "5s")
            #expect(body["video"]?["resolution"] == "720p")
            let start = body["video"]?["start_frame"]
            let end = body["video"]?["end_frame"]
            if mode == .text {
                #expect(start == nil)
            } else {
                #expect(start == ["data": .string(try FixtureMedia.png(0).base64EncodedString()), "media_type": "image/png"])
            }
            #expect((end != nil) == (mode == .firstLastFrame))
            #expect(await TaskAdapterCase.handle(h)?.provider == "luma-agents")
        }
    }

    @Test func theDreamMachineRefusesLocalKeyframesBeforeAnyRequest() async throws {
        let luma = Self.luma(.dreamMachine)
        try await luma.run { fake, h, adapter in
            let summary = try await luma.take(h, adapter, request: AdapterHarness.request(mode: .imageToVideo))
            let failure = try #require(summary.failures[TaskAdapterCase.node])
            #expect(failure.reason == .invalidRequest)
            #expect(failure.providerCode == "needs-public-url")
            #expect(fake.requests.isEmpty)
        }
    }

    @Test(arguments: [(401, JobFailure.Reason.auth), (400, .invalidRequest), (422, .invalidRequest)])
    func refusalsAreClassifiedAndNotRetried(status: Int, reason: JobFailure.Reason) async throws {
        for flavor in Self.both {
            try await Self.luma(flavor).failsPermanently(.respond(LumaFakeServer.error(status, "refused")), as: reason)
        }
    }

    @Test(arguments: [("content_moderated", JobFailure.Reason.moderation), ("budget_exhausted", .budget),
                      ("generation_failed", .failed)])
    func aFailedAgentsGenerationIsClassifiedByItsCode(code: String, reason: JobFailure.Reason) async throws {
        try await Self.luma(.agents).failsPermanently(.failTask(code: code, message: "no"), as: reason, code: code)
    }

    @Test func aFailedDreamMachineGenerationSaysWhy() async throws {
        try await Self.luma(.dreamMachine).failsPermanently(
            .failTask(code: "", message: "Prompt not allowed because of content moderation"), as: .moderation)
    }

    @Test(arguments: both)
    func aRateLimitWaitsWhatLumaAsks(flavor: LumaVideoProvider.API) async throws {
        try await Self.luma(flavor).recovers(from: .respond(LumaFakeServer.error(429, "slow", headers: ["Retry-After": "3"])),
                                             on: .create, waiting: 3)
    }

    @Test(arguments: both)
    func aMalformedReportIsRetriedByPollingTheSameGeneration(flavor: LumaVideoProvider.API) async throws {
        try await Self.luma(flavor).recovers(from: .malformedJSON, on: .poll)
    }

    @Test(arguments: both)
    func aHungPollPollsTheSameGenerationAgain(flavor: LumaVideoProvider.API) async throws {
        try await Self.luma(flavor).hungPollPollsTheSameTaskAgain()
    }

    @Test(arguments: both)
    func anExpiredLinkMakesTheTakeAgain(flavor: LumaVideoProvider.API) async throws {
        try await Self.luma(flavor).makesTheTakeAgain(after: .expiredLink, on: .download)
    }

    @Test func aForgottenGenerationMakesTheTakeAgain() async throws {
        try await Self.luma(.agents).makesTheTakeAgain(after: .forgetTask, on: .poll)
    }

    @Test(arguments: both)
    func aTruncatedDownloadIsNeverStored(flavor: LumaVideoProvider.API) async throws {
        try await Self.luma(flavor).truncatedDownloadIsNeverStored()
    }

    @Test(arguments: both)
    func checkAcceptsTheKeyAndRefusesAWrongOne(flavor: LumaVideoProvider.API) async throws {
        try await Self.luma(flavor).checkAcceptsGoodKeysAndRefusesBadOnes(wrong: ["LUMA_API_KEY": "luma-api-wrong0000"])
    }
}
