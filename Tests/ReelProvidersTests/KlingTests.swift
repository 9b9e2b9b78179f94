import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `KlingVideoProvider` against Kling's documented protocol over real HTTP, through the executor.
@Suite struct KlingTests {
    static let fake = KlingFakeServer()
    static let kling = TaskAdapterCase(entry: KlingVideoProvider.entry, dialect: fake,
                                       credentials: ["KLING_ACCESS_KEY": fake.accessKey, "KLING_SECRET_KEY": fake.secretKey],
                                       createPath: "/v1/videos/")

    @Test func aTakeIsMadeDownloadedAndPaidForInTheUnitsKlingReports() async throws {
        // 1.5 units at the default unit price of $0.14.
        try await Self.kling.succeedsEndToEnd(cost: Money(micros: 210_000))
    }

    @Test func withoutReportedUnitsTheCatalogPriceIsUsed() async throws {
        var kling = TaskAdapterCase(entry: KlingVideoProvider.entry, dialect: KlingFakeServer(units: nil),
                                    credentials: Self.kling.credentials, createPath: "/v1/videos/")
        kling.models = [ModelCapabilities(id: "kling-v2-6", provider: "kling",
                                          price: Price(amount: Money(micros: 70_000), per: .second))]
        try await kling.succeedsEndToEnd(cost: Money(micros: 350_000))
    }

    @Test(arguments: [
        (GenerationMode.text, "text2video"), (.imageToVideo, "image2video"), (.firstLastFrame, "image2video"),
        (.references, "multi-image2video"),
    ])
    func theRequestsAreWhatTheDocsSay(mode: GenerationMode, family: String) async throws {
        try await Self.kling.run { fake, h, adapter in
            let summary = try await Self.kling.take(h, adapter, request: AdapterHarness.request(mode: mode))
            #expect(summary.succeeded, "\(summary.failures)")
            let create = try #require(fake.requests("POST", "/v1/videos/").first)
            #expect(create.path == "/v1/videos/\(family)")
            #expect(create.header("authorization")?.hasPrefix("Bearer ey") == true)
            let body = try #require(create.json)
            #expect(body["model_name"] == .string(mode == .references ? "kling-v1-6" : "kling-v2-6"))
            #expect(body["duration"] == .string("5"))
            #expect(body["mode"] == .string("std"))
            #expect(body["prompt"]?.stringValue == AdapterHarness.request().prompt)
            #expect(body["external_task_id"]?.stringValue == (await TaskAdapterCase.key(h)))
            let png = try FixtureMedia.png(0).base64EncodedString()
            switch mode {
            case .text:
                #expect(body["aspect_ratio"] == .string("9:16"))
                #expect(body["image"] == nil)
            case .imageToVideo:
                #expect(body["image"] == .string(png))
                #expect(body["image_tail"] == nil)
            case .firstLastFrame:
                #expect(body["image"] == .string(png))
                #expect(body["image_tail"] == .string(try FixtureMedia.png(1).base64EncodedString()))
            case .references:
                #expect(body["image_list"]?.arrayValue?.count == 2)
                #expect(body["image_list"]?.arrayValue?.first?["image"] == .string(png))
                #expect(body["aspect_ratio"] == .string("9:16"))
            }
            #expect(!create.text.contains("data:image"))
            let handle = try #require(await TaskAdapterCase.handle(h))
            #expect(handle.extra == ["family": .string(family)])
            let polls = fake.requests("GET", "/v1/videos/\(family)/")
            #expect(polls.count == 2)
            #expect(polls.allSatisfy { $0.path == "/v1/videos/\(family)/\(handle.jobID)" })
        }
    }

    @Test func theTokenIsAFreshHS256JWTWithTheAccessKeyAsIssuer() async throws {
        try await Self.kling.run { fake, h, adapter in
            _ = try await Self.kling.take(h, adapter)
            let token = try #require(fake.requests.first?.bearerToken)
            let parts = token.split(separator: ".").map(String.init)
            #expect(parts.count == 3)
            let payload = try #require(KlingFakeServer.decode(parts[1]))
            let now = Int64(Date().timeIntervalSince1970)
            #expect(payload["iss"] == .string(Self.fake.accessKey))
            #expect(try #require(payload["exp"]?.intValue) - now > 1700)
            #expect(try #require(payload["nbf"]?.intValue) < now)
            #expect(KlingFakeServer.decode(parts[0]) == ["alg": "HS256", "typ": "JWT"])
        }
    }

    @Test(arguments: [
        (200, 1301, JobFailure.Reason.moderation), (400, 1300, .moderation), (401, 1004, .auth), (403, 1103, .auth),
        (429, 1102, .budget), (429, 1101, .budget), (400, 1200, .invalidRequest), (404, 1203, .invalidRequest),
        (200, 1304, .auth),
    ])
    func businessErrorsAreClassifiedAndNotRetried(status: Int, code: Int, reason: JobFailure.Reason) async throws {
        try await Self.kling.failsPermanently(.respond(KlingFakeServer.error(status, code: code, "refused")), as: reason,
                                              code: "\(code)")
    }

    @Test(arguments: [("Failure to pass the risk control system", JobFailure.Reason.moderation), ("internal error", .failed)])
    func aFailedTaskFailsTheTake(message: String, reason: JobFailure.Reason) async throws {
        try await Self.kling.failsPermanently(.failTask(code: "failed", message: message), as: reason)
    }

    /// `audio: native` asks Kling for its own sound (`sound: on`); without it no `sound` is sent.
    @Test func soundIsAskedForOnlyWhenTheProjectKeepsNativeAudio() async throws {
        try await Self.kling.run { fake, h, adapter in
            var request = AdapterHarness.request(mode: .text)
            let silent = try await Self.kling.take(h, adapter, request: request)
            request.sound = true
            request.seed = 8
            let sounding = try await Self.kling.take(h, adapter, request: request)
            #expect(silent.succeeded && sounding.succeeded)
            let creates = Self.kling.creates(fake).compactMap(\.json)
            #expect(creates.count == 2 && creates[0]["sound"] == nil && creates[1]["sound"] == "on")
        }
    }

    @Test func aRateLimitWaitsWhatKlingAsks() async throws {
        try await Self.kling.recovers(from: .respond(KlingFakeServer.error(429, code: 1302, "too many", headers: ["Retry-After": "7"])),
                                      on: .create, waiting: 7)
    }

    @Test func aConcurrencyLimitWaitsAtLeastASecond() async throws {
        try await Self.kling.recovers(from: .respond(KlingFakeServer.error(429, code: 1303, "over the pack's concurrency")),
                                      on: .create, waiting: 1)
    }

    @Test func aServerErrorInside200IsRetried() async throws {
        try await Self.kling.recovers(from: .respond(KlingFakeServer.error(200, code: 5001, "busy")), on: .poll)
    }

    @Test func aMalformedReportIsRetriedByPollingTheSameTask() async throws {
        try await Self.kling.recovers(from: .malformedJSON, on: .poll)
    }

    @Test func aHungCreateIsFoundAgainByItsExternalTaskID() async throws {
        try await Self.kling.run(requestTimeout: 4) { fake, h, adapter in
            fake.scriptNext(.hang(seconds: 20), on: .create)
            let summary = try await Self.kling.take(h, adapter)
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(fake.tasks.count == 1)
            let creates = Self.kling.creates(fake).filter { $0.method == "POST" }
            #expect(creates.count == 2)
            #expect(Set(creates.compactMap { $0.json?["external_task_id"] }).count == 1)
            let key = try #require(await TaskAdapterCase.key(h))
            #expect(fake.requests("GET", "/v1/videos/image2video/\(key)").count == 1)
        }
    }

    @Test func aHungPollPollsTheSameTaskAgain() async throws { try await Self.kling.hungPollPollsTheSameTaskAgain() }

    @Test func anExpiredLinkMakesTheTakeAgain() async throws {
        try await Self.kling.makesTheTakeAgain(after: .expiredLink, on: .download)
    }

    @Test func aForgottenTaskMakesTheTakeAgain() async throws {
        try await Self.kling.makesTheTakeAgain(after: .forgetTask, on: .poll)
    }

    @Test func aTruncatedDownloadIsNeverStored() async throws { try await Self.kling.truncatedDownloadIsNeverStored() }

    @Test func checkAcceptsTheKeysAndRefusesAWrongSecret() async throws {
        try await Self.kling.checkAcceptsGoodKeysAndRefusesBadOnes(
            wrong: ["KLING_ACCESS_KEY": Self.fake.accessKey, "KLING_SECRET_KEY": "sk-wrong-secret-0000"])
    }
}
