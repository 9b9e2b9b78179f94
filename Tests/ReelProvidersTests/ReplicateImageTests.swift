import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `ReplicateImageProvider` (keyframes from FLUX on Replicate) against Replicate's
/// predictions API on loopback, through the executor — by the bytes the fake received.
@Suite struct ReplicateImageTests {
    static let node = AdapterHarness.node(.image)

    static func replicate(_ rep: ReplicateFakeServer) throws -> any ImageGenerator {
        let make = try #require(ReplicateVideoProvider.entry.image)
        let config = ProviderConfig(id: "replicate", baseURL: rep.baseURL, credentials: ["REPLICATE_API_TOKEN": Secret(rep.apiKey)],
                                    models: [priced("black-forest-labs/flux-kontext-pro", "replicate", micros: 40_000, per: .image,
                                                    medium: .image)])
        return try make(config, try Hosted.support())
    }

    static func withReplicate(_ body: (ReplicateFakeServer, AdapterHarness) async throws -> Void) async throws {
        let rep = try await ReplicateFakeServer.start()
        try await Hosted.with(rep.core) { h in try await body(rep, h) }
    }

    static func referencing(_ count: Int) -> ImageRequest {
        var request = imageRequest()
        request.references = (0..<count).map { ImageInput(input: $0, role: .reference, subject: SubjectID("char:\($0)")) }
        return request
    }

    @Test func aStillIsAKontextPredictionPolledAndDownloadedWithItsOneReference() async throws {
        try await Self.withReplicate { rep, h in
            let summary = try await h.run(try Self.replicate(rep), request: Self.referencing(1), kind: .image,
                                          inputs: [try h.image(1)])
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(output.asset.mediaType == "image/png")
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.png()))
            #expect(output.cost == Money(micros: 40_000), "a per-image price, whatever the run time")
            let create = try #require(rep.core.requests("POST", "/v1/models/").first)
            #expect(create.path == "/v1/models/black-forest-labs/flux-kontext-pro/predictions")
            #expect(create.header("authorization") == "Bearer \(rep.apiKey)")
            let input = try #require(create.json?["input"])
            #expect(input["prompt"]?.stringValue == imageRequest().prompt)
            #expect(input["aspect_ratio"] == "9:16" && input["output_format"] == "png" && input["seed"] == 7)
            #expect(input["input_image"]?.stringValue == "data:image/png;base64,\(try FixtureMedia.png(1).base64EncodedString())")
            #expect(input["input_images"] == nil)
            #expect(rep.core.requests("GET", "/files/").first?.header("authorization") == nil, "the token goes to the API only")
        }
    }

    @Test func wordsAloneSendNoImageAndSeveralReferencesGoToFluxTwoFlexInOrder() async throws {
        try await Self.withReplicate { rep, h in
            let words = try await h.run(try Self.replicate(rep), request: imageRequest(width: 1280, height: 720), kind: .image, inputs: [])
            #expect(words.succeeded, "\(words.failures)")
            let three = try await h.run(try Self.replicate(rep), request: Self.referencing(3), kind: .image,
                                        inputs: [try h.image(2), try h.image(3), try h.image(4)])
            #expect(three.succeeded, "\(three.failures)")
            let jobs = rep.core.jobs
            #expect(jobs.map(\.path) == ["/v1/models/black-forest-labs/flux-kontext-pro/predictions",
                                         "/v1/models/black-forest-labs/flux-2-flex/predictions"])
            let first = try #require(jobs[0].body["input"]), second = try #require(jobs[1].body["input"])
            #expect(first["aspect_ratio"] == "16:9" && first["input_image"] == nil)
            #expect(second["input_images"] == .array(try [2, 3, 4].map { .string("data:image/png;base64,\(try FixtureMedia.png($0).base64EncodedString())") }))
            #expect(second["input_image"] == nil)
        }
    }

    @Test func aFailedPredictionIsClassifiedAndNotAskedAgain() async throws {
        try await Self.withReplicate { rep, h in
            rep.core.scriptNextJob(.fails(code: "failed", message: "NSFW content detected in the output"))
            let summary = try await h.run(try Self.replicate(rep), request: imageRequest(), kind: .image, inputs: [])
            #expect(summary.failures[Self.node]?.reason == .moderation)
            #expect(rep.core.jobs.count == 1)
        }
    }
}
