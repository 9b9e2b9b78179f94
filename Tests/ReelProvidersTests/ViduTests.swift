import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `ViduVideoProvider` against Vidu's documented protocol over real HTTP, through the executor.
@Suite struct ViduTests {
    static let fake = ViduFakeServer()
    static let vidu = TaskAdapterCase(entry: ViduVideoProvider.entry, dialect: fake, credentials: ["VIDU_API_KEY": fake.key],
                                      request: AdapterHarness.request(mode: .references), createPath: "/ent/v2/")

    @Test func aTakeIsMadeDownloadedAndPaidForInTheCreditsViduReports() async throws {
        // 4 credits at the default $0.05.
        try await Self.vidu.succeedsEndToEnd(cost: Money(micros: 200_000))
    }

    @Test func withoutReportedCreditsTheCatalogPriceIsUsed() async throws {
        var vidu = TaskAdapterCase(entry: ViduVideoProvider.entry, dialect: ViduFakeServer(credits: nil),
                                   credentials: Self.vidu.credentials, createPath: "/ent/v2/")
        vidu.models = [ModelCapabilities(id: "viduq1", provider: "vidu", price: Price(amount: Money(micros: 40_000), per: .second))]
        try await vidu.succeedsEndToEnd(cost: Money(micros: 200_000))
    }

    @Test(arguments: [(GenerationMode.text, "text2video", 0), (.imageToVideo, "img2video", 1),
                      (.firstLastFrame, "start-end2video", 2), (.references, "reference2video", 2)])
    func theRequestsAreWhatTheDocsSay(mode: GenerationMode, endpoint: String, images: Int) async throws {
        try await Self.vidu.run { fake, h, adapter in
            #expect(try await Self.vidu.take(h, adapter, request: AdapterHarness.request(mode: mode)).succeeded)
            let create = try #require(Self.vidu.creates(fake).first)
            #expect(create.path == "/ent/v2/\(endpoint)")
            #expect(create.header("authorization") == "Token \(Self.fake.key)")
            let body = try #require(create.json)
            #expect(body["model"] == "viduq1")
            #expect(body["duration"] == .int(5))
            #expect(body["seed"] == .int(7))
            #expect(body["resolution"] == "720p")
            #expect((body["aspect_ratio"] == "9:16") == (mode == .text || mode == .references))
            let sent = body["images"]?.arrayValue ?? []
            #expect(sent.count == images)
            for (i, image) in sent.enumerated() {
                #expect(image == .string("data:image/png;base64," + (try FixtureMedia.png(i).base64EncodedString())))
            }
            let handle = try #require(await TaskAdapterCase.handle(h))
            #expect(fake.requests("GET", "/ent/v2/tasks/\(handle.jobID)/creations").count == 2)
        }
    }

    /// `audio: native` asks for Vidu's own sound; otherwise nothing is said of sound.
    @Test func soundIsAskedForOnlyWhenTheProjectKeepsIt() async throws {
        try await Self.vidu.run { fake, h, adapter in
            let silent = AdapterHarness.request(mode: .imageToVideo)
            var sounding = silent
            sounding.sound = true
            sounding.seed = 8
            let first = try await Self.vidu.take(h, adapter, request: silent)
            let second = try await Self.vidu.take(h, adapter, request: sounding)
            #expect(first.succeeded && second.succeeded)
            let bodies = Self.vidu.creates(fake).compactMap(\.json)
            #expect(bodies.count == 2 && bodies[0]["audio"] == nil && bodies[1]["audio"] == .bool(true), "\(bodies.map { $0["audio"] as Any })")
        }
    }

    @Test func upToSevenReferencesAreSent() async throws {
        try await Self.vidu.run { fake, h, adapter in
            var many = AdapterHarness.request(mode: .references)
            many.images = (0..<9).map { ImageInput(input: $0, role: .reference) }
            let summary = try await Self.vidu.take(h, adapter, request: many)
            #expect(summary.succeeded)
            #expect(Self.vidu.creates(fake).first?.json?["images"]?.arrayValue?.count == 7)
        }
    }

    @Test(arguments: [(401, JobFailure.Reason.auth), (400, .invalidRequest), (403, .auth)])
    func refusalsAreClassifiedAndNotRetried(status: Int, reason: JobFailure.Reason) async throws {
        try await Self.vidu.failsPermanently(.respond(ViduFakeServer.error(status, "refused")), as: reason)
    }

    @Test(arguments: [("AuditSubmitIllegal", JobFailure.Reason.moderation), ("InternalServiceFailure", .failed)])
    func aFailedTaskFailsTheTake(code: String, reason: JobFailure.Reason) async throws {
        try await Self.vidu.failsPermanently(.failTask(code: code, message: ""), as: reason, code: code)
    }

    @Test func aRateLimitWaitsWhatViduAsks() async throws {
        try await Self.vidu.recovers(from: .respond(ViduFakeServer.error(429, "TooManyRequests", headers: ["Retry-After": "6"])),
                                     on: .create, waiting: 6)
    }

    @Test func aMalformedReportIsRetriedByPollingTheSameTask() async throws {
        try await Self.vidu.recovers(from: .malformedJSON, on: .poll)
    }

    @Test func aHungPollPollsTheSameTaskAgain() async throws { try await Self.vidu.hungPollPollsTheSameTaskAgain() }

    @Test func anExpiredLinkMakesTheTakeAgain() async throws {
        try await Self.vidu.makesTheTakeAgain(after: .expiredLink, on: .download)
    }

    @Test func aForgottenTaskMakesTheTakeAgain() async throws {
        try await Self.vidu.makesTheTakeAgain(after: .forgetTask, on: .poll)
    }

    @Test func aTruncatedDownloadIsNeverStored() async throws { try await Self.vidu.truncatedDownloadIsNeverStored() }

    @Test func checkAcceptsTheKeyAndRefusesAWrongOne() async throws {
        try await Self.vidu.checkAcceptsGoodKeysAndRefusesBadOnes(wrong: ["VIDU_API_KEY": "vda_wrong_00000"])
    }
}
