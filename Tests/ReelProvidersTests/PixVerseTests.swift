import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `PixVerseVideoProvider` against PixVerse's documented platform API over real HTTP,
/// through the executor: images uploaded first and named by their ids, the four modes'
/// endpoints, the `{ErrCode, ErrMsg, Resp}` envelope's refusals inside HTTP 200.
@Suite struct PixVerseTests {
    static let fake = PixVerseFakeServer()
    static let pixverse = TaskAdapterCase(entry: PixVerseVideoProvider.entry, dialect: fake,
                                          credentials: ["PIXVERSE_API_KEY": fake.key],
                                          request: AdapterHarness.request(mode: .imageToVideo), createPath: "/openapi/v2/video/")

    @Test func aTakeIsMadeDownloadedAndPaidForInTheCreditsPixVerseReports() async throws {
        // 60 credits at 100 a dollar.
        try await Self.pixverse.succeedsEndToEnd(cost: Money(micros: 600_000))
    }

    @Test(arguments: [(GenerationMode.text, "text", 0), (.imageToVideo, "img", 1), (.firstLastFrame, "transition", 2),
                      (.references, "fusion", 2)])
    func theRequestsAreWhatTheDocsSay(mode: GenerationMode, endpoint: String, images: Int) async throws {
        let dialect = PixVerseFakeServer()
        let pixverse = TaskAdapterCase(entry: PixVerseVideoProvider.entry, dialect: dialect,
                                       credentials: ["PIXVERSE_API_KEY": dialect.key], createPath: "/openapi/v2/video/")
        try await pixverse.run { fake, h, adapter in
            let summary = try await pixverse.take(h, adapter, request: AdapterHarness.request(mode: mode))
            #expect(summary.succeeded, "\(summary.failures)")
            let create = try #require(pixverse.creates(fake).first)
            #expect(create.path == "/openapi/v2/video/\(endpoint)/generate")
            #expect(create.header("api-key") == dialect.key)
            let traces = fake.requests.compactMap { $0.header("ai-trace-id") }
            #expect(traces.count == fake.requests.count - 1 && Set(traces).count == traces.count,
                    "a new trace id on every request to the API (the download goes to the file's own link)")
            // Each image uploaded once, as the stored bytes, in the order the body names them.
            #expect(dialect.book.images == (try (0..<images).map { try FixtureMedia.png($0) }))
            let body = try #require(create.json)
            #expect(body["model"] == "v5")
            #expect(body["duration"] == .int(5) && body["seed"] == .int(7) && body["quality"] == "720p")
            #expect((body["aspect_ratio"] == "9:16") == (mode == .text || mode == .references))
            switch mode {
            case .text: #expect(body["img_id"] == nil && body["image_references"] == nil)
            case .imageToVideo: #expect(body["img_id"] == .int(1))
            case .firstLastFrame: #expect(body["first_frame_img"] == .int(1) && body["last_frame_img"] == .int(2))
            case .references:
                let references = body["image_references"]?.arrayValue ?? []
                #expect(references.map { $0["img_id"] } == [.int(1), .int(2)])
                #expect(references.map { $0["ref_name"] } == ["maya", "letter"], "named after the subjects they lock")
                #expect(references.map { $0["type"] } == ["subject", "subject"])
                #expect(body["prompt"]?.stringValue?.hasSuffix(" With @maya @letter ") == true)
            }
            let handle = try #require(await TaskAdapterCase.handle(h))
            #expect(handle.jobID == "1")
            #expect(fake.requests("GET", "/openapi/v2/video/result/1").count == 2)
        }
    }

    /// Fusion names each reference after its subject, in the characters the API allows, and
    /// a place goes as the background.
    @Test func referenceNamesAreTheSubjectsSlugsAndAPlaceIsTheBackground() throws {
        #expect(PixVerseVideoProvider.refNames(["char:maya", "char:maya", "loc:city-railway-station", nil, "char:林晓"])
                == ["maya", "maya_2", "city_railway_station", "ref4", "ref5"])
    }

    /// Which subject a reference locks is part of PixVerse's request (fusion names it), and of
    /// no other adapter's: their takes keep the cache keys they had before images named subjects.
    @Test func onlyPixVerseKeepsTheSubjectInItsCacheKey() throws {
        let request = AdapterHarness.request(mode: .references)
        try #require(request.images.contains { $0.subject != nil })
        var unnamed = request
        unnamed.images = request.images.map { ImageInput(input: $0.input, role: $0.role) }
        #expect(request.forRemoteModel("m") == unnamed.forRemoteModel("m"))
        #expect(request.forRemoteModel("m", keepingSubjects: true).images.map(\.subject) == request.images.map(\.subject))
    }

    @Test func atMostThreeReferencesAreSent() async throws {
        try await Self.pixverse.run { fake, h, adapter in
            var many = AdapterHarness.request(mode: .references)
            many.images = (0..<5).map { ImageInput(input: $0, role: .reference) }
            let summary = try await Self.pixverse.take(h, adapter, request: many)
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(Self.pixverse.creates(fake).first?.json?["image_references"]?.arrayValue?.count == 3)
        }
    }

    @Test(arguments: [(Int64(10002), JobFailure.Reason.auth), (500063, .moderation), (500090, .budget),
                      (400017, .invalidRequest)])
    func refusalsInsideA200AreClassifiedAndNotRetried(code: Int64, reason: JobFailure.Reason) async throws {
        try await Self.pixverse.failsPermanently(.respond(PixVerseFakeServer.error(code, "refused")), as: reason, code: "\(code)")
    }

    @Test(arguments: [("7", JobFailure.Reason.moderation), ("8", .failed)])
    func aFailedVideoFailsTheTake(code: String, reason: JobFailure.Reason) async throws {
        try await Self.pixverse.failsPermanently(.failTask(code: code, message: ""), as: reason, code: code)
    }

    @Test func theConcurrencyLimitWaitsAndTriesAgain() async throws {
        try await Self.pixverse.recovers(from: .respond(PixVerseFakeServer.error(500044, "concurrent generations limit",
                                                                                  headers: ["Retry-After": "4"])),
                                         on: .create, waiting: 4)
    }

    @Test func aMalformedReportIsRetriedByPollingTheSameVideo() async throws {
        try await Self.pixverse.recovers(from: .malformedJSON, on: .poll)
    }

    @Test func aHungPollPollsTheSameVideoAgain() async throws { try await Self.pixverse.hungPollPollsTheSameTaskAgain() }

    @Test func anExpiredLinkMakesTheTakeAgain() async throws {
        try await Self.pixverse.makesTheTakeAgain(after: .expiredLink, on: .download)
    }

    @Test func aForgottenVideoMakesTheTakeAgain() async throws {
        try await Self.pixverse.makesTheTakeAgain(after: .forgetTask, on: .poll)
    }

    @Test func aTruncatedDownloadIsNeverStored() async throws { try await Self.pixverse.truncatedDownloadIsNeverStored() }

    @Test func checkAcceptsTheKeyAndRefusesAWrongOne() async throws {
        try await Self.pixverse.checkAcceptsGoodKeysAndRefusesBadOnes(wrong: ["PIXVERSE_API_KEY": "sk-pixverse-wrong"])
    }
}
