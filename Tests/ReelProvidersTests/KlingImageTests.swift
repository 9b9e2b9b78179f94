import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `KlingImageProvider` (keyframes on Kling's image models) against Kling's protocol over
/// real HTTP on loopback, through the executor: a task made, polled and downloaded, its one
/// reference as bare base64, the same JWT and business codes as Kling's video.
@Suite struct KlingImageTests {
    static let node = AdapterHarness.node(.image)
    static let fake = KlingFakeServer()

    static func kling(_ server: FakeTaskServer, model: String = "kling-v2-1") throws -> any ImageGenerator {
        let make = try #require(KlingVideoProvider.entry.image)
        let config = ProviderConfig(id: "kling", baseURL: server.baseURL,
                                    credentials: ["KLING_ACCESS_KEY": Secret(fake.accessKey), "KLING_SECRET_KEY": Secret(fake.secretKey)],
                                    models: [priced(model, "kling", micros: 20_000, per: .image, medium: .image)])
        return try make(config, AdapterSupport(probe: MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe()),
                                               pollInterval: 0.01, requestTimeout: 5))
    }

    static func run(_ body: @Sendable (FakeTaskServer, AdapterHarness) async throws -> Void) async throws {
        let dir = TemporaryDirectory("reel-kling-image")
        defer { dir.remove() }
        try await FakeTaskServer.serving(fake) { server in try await body(server, try AdapterHarness(dir: dir)) }
    }

    static func still<G: ImageGenerator>(_ h: AdapterHarness, _ kling: G, _ request: ImageRequest, inputs: [Asset]) async throws -> RunSummary {
        try await h.run(kling, request: request, kind: .image, inputs: inputs)
    }

    static func referencing(_ request: ImageRequest = imageRequest(), model: String = "default") -> ImageRequest {
        var request = request
        request.model = model
        request.references = [ImageInput(input: 0, role: .reference, subject: "char:maya"),
                              ImageInput(input: 1, role: .reference, subject: "loc:kitchen")]
        return request
    }

    @Test func aStillIsATaskMadePolledAndDownloadedWithItsFirstReference() async throws {
        try await Self.run { server, h in
            let kling = try Self.kling(server)
            let summary = try await Self.still(h, kling, Self.referencing(), inputs: [try h.image(1), try h.image(2)])
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(output.asset.mediaType == "image/png")
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.png()))
            #expect(output.cost == Money(micros: 210_000), "1.5 units reported, at Kling's default unit price")
            let create = try #require(server.requests("POST", "/v1/images/generations").first)
            #expect(create.header("authorization")?.hasPrefix("Bearer ey") == true, "a JWT, as for video")
            let body = try #require(create.json)
            #expect(body["model_name"] == "kling-v2-1" && body["prompt"]?.stringValue == imageRequest().prompt)
            #expect(body["aspect_ratio"] == "9:16" && body["n"] == 1 && body["resolution"] == nil, "a 720x1280 frame")
            #expect(body["image"] == .string(try FixtureMedia.png(1).base64EncodedString()), "the first reference, bare base64")
            #expect(body["image_reference"] == nil && !create.text.contains("data:image"))
            #expect(body["external_task_id"]?.stringValue == (await h.journal.entries.values.first?.idempotencyKey))
            let handle = try #require(await TaskAdapterCase.handle(h))
            #expect(server.requests("GET", "/v1/images/generations/").allSatisfy { $0.path == "/v1/images/generations/\(handle.jobID)" })
            #expect(server.downloads == 1 && server.requests("GET", "/files/").first?.header("authorization") == nil)
        }
    }

    @Test func wordsAloneSendNoImageAndKling15MarksItsReferenceASubject() async throws {
        try await Self.run { server, h in
            let words = try await Self.still(h, try Self.kling(server), imageRequest(width: 1920, height: 1080), inputs: [])
            #expect(words.succeeded, "\(words.failures)")
            let v15 = try await Self.still(h, try Self.kling(server, model: "kling-v1-5"), Self.referencing(model: "kling-v1-5"),
                                           inputs: [try h.image(3), try h.image(4)])
            #expect(v15.succeeded, "\(v15.failures)")
            let bodies = server.requests("POST", "/v1/images/generations").compactMap(\.json)
            #expect(bodies.count == 2)
            #expect(bodies[0]["image"] == nil && bodies[0]["aspect_ratio"] == "16:9" && bodies[0]["resolution"] == "2k")
            #expect(bodies[1]["model_name"] == "kling-v1-5" && bodies[1]["image_reference"] == "subject")
        }
    }

    /// A create whose answer was lost is sent again, refused for its external_task_id, and
    /// the task made the first time is found by that id: one task, paid once.
    @Test func aCreateWhoseAnswerWasLostFindsTheTaskMadeTheFirstTime() async throws {
        try await Self.run { server, h in
            server.scriptNext(.malformedJSON, on: .create)
            let summary = try await Self.still(h, try Self.kling(server), imageRequest(), inputs: [])
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(server.tasks.count == 1 && server.requests("POST", "/v1/images/generations").count == 2)
            #expect(server.downloads == 1)
        }
    }

    /// Whether the image API honours `external_task_id` is not confirmed: a create whose
    /// connection dropped under it may have made a paid task, so it is not sent again.
    @Test func aCreateCutOffUnderItIsNotSentAgain() async throws {
        try await Self.run { server, h in
            server.scriptNext(.respond(FakeResponse(dropsConnection: true)), on: .create)
            let summary = try await Self.still(h, try Self.kling(server), imageRequest(), inputs: [])
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == .failed && failure.providerCode == JobFailure.answerLost, "\(failure)")
            #expect(server.requests("POST", "/v1/images/generations").count == 1)
        }
    }

    @Test(arguments: [
        (FakeTaskServer.Fault.respond(KlingFakeServer.error(200, code: 1301, "content risk")), JobFailure.Reason.moderation),
        (.respond(KlingFakeServer.error(401, code: 1004, "expired")), .auth),
        (.failTask(code: "failed", message: "Failure to pass the risk control system"), .moderation),
        (.failTask(code: "failed", message: "internal error"), .failed),
    ])
    func refusalsAndFailedTasksAreClassifiedAndNotAskedAgain(fault: FakeTaskServer.Fault, reason: JobFailure.Reason) async throws {
        try await Self.run { server, h in
            server.scriptNext(fault, on: .create)
            let summary = try await Self.still(h, try Self.kling(server), imageRequest(), inputs: [])
            #expect(summary.failures[Self.node]?.reason == reason, "\(summary.failures)")
            #expect(server.requests("POST", "/v1/images/generations").count == 1)
            let said = "\(summary.failures)"
            #expect(!said.contains(Self.fake.secretKey) && !said.contains(Self.fake.accessKey))
        }
    }

    @Test func theFakeRefusesWhatTheDocsRefuse() {
        #expect(KlingFakeServer.imageRefusal(["prompt": "a", "aspect_ratio": "5:4"]) != nil)
        #expect(KlingFakeServer.imageRefusal(["prompt": "a", "aspect_ratio": "9:16", "image": "data:image/png;base64,AAAA"]) != nil)
        #expect(KlingFakeServer.imageRefusal(["prompt": "a", "aspect_ratio": "9:16", "model_name": "kling-v1-5", "image": "AAAA"]) != nil)
        #expect(KlingFakeServer.imageRefusal(["prompt": "a", "aspect_ratio": "9:16", "image": "AAAA"]) == nil)
    }

    @Test func theNearestAspectIsAsked() {
        let cases = [((720, 1280), "9:16"), ((1280, 720), "16:9"), ((1080, 1080), "1:1"), ((1440, 1080), "4:3"), ((1080, 1620), "2:3")]
        for ((w, h), aspect) in cases {
            #expect(KlingImageProvider.aspect(width: w, height: h) == aspect, "\(w)x\(h)")
        }
    }
}
