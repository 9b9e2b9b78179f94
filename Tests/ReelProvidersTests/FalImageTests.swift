import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `FalImageProvider` (keyframes from FLUX on fal.ai) against fal's queue API on loopback,
/// through the executor: words alone to FLUX dev at the frame's size, one reference to
/// Kontext, several to Kontext's multi-image endpoint — by the bytes the fake received.
@Suite struct FalImageTests {
    static let node = AdapterHarness.node(.image)

    static func fal(_ fal: FalFakeServer) throws -> any ImageGenerator {
        let make = try #require(FalVideoProvider.entry.image)
        let config = ProviderConfig(id: "fal", baseURL: fal.baseURL, credentials: ["FAL_KEY": Secret(fal.apiKey)],
                                    models: [priced("fal-ai/flux/dev", "fal", micros: 25_000, per: .image, medium: .image),
                                             priced("fal-ai/flux-pro/kontext", "fal", micros: 40_000, per: .image, medium: .image)])
        return try make(config, try Hosted.support())
    }

    static func withFal(_ body: (FalFakeServer, AdapterHarness) async throws -> Void) async throws {
        let fal = try await FalFakeServer.start()
        try await Hosted.with(fal.core) { h in try await body(fal, h) }
    }

    static func referencing(_ count: Int) -> ImageRequest {
        var request = imageRequest()
        request.references = (0..<count).map { ImageInput(input: $0, role: .reference, subject: SubjectID("char:\($0)")) }
        return request
    }

    @Test func wordsAloneAreAFluxDevStillAtTheFramesSizeQueuedPolledAndDownloaded() async throws {
        try await Self.withFal { fal, h in
            let summary = try await h.run(try Self.fal(fal), request: imageRequest(), kind: .image, inputs: [])
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(output.asset.mediaType == "image/png")
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.png()))
            #expect(output.cost == Money(micros: 25_000), "the catalog's price: fal's answers carry none")
            let submit = try #require(fal.core.requests("POST", "/").first)
            #expect(submit.path == "/fal-ai/flux/dev" && submit.header("authorization") == "Key \(fal.apiKey)")
            let body = try #require(submit.json)
            #expect(body["prompt"]?.stringValue == imageRequest().prompt)
            #expect(body["image_size"] == ["width": 720, "height": 1280] && body["num_images"] == 1 && body["output_format"] == "png")
            #expect(body["seed"] == 7 && body["image_url"] == nil && body["aspect_ratio"] == nil)
            // The status and the result at the app's path, without the model's subpath.
            #expect(fal.core.requests("GET", "/fal-ai/flux/requests/fal-req-1/status").count >= 1)
            #expect(fal.core.requests("GET", "/fal-ai/flux/requests/fal-req-1").count >= 1)
            #expect(fal.core.requests("GET", "/files/").first?.header("authorization") == nil, "the key goes to fal's API only")
        }
    }

    @Test func oneReferenceGoesToKontextAndSeveralToItsMultiImageEndpointInOrder() async throws {
        try await Self.withFal { fal, h in
            let one = try await h.run(try Self.fal(fal), request: Self.referencing(1), kind: .image, inputs: [try h.image(1)])
            #expect(one.succeeded, "\(one.failures)")
            #expect(one.outputs[Self.node]?.cost == Money(micros: 40_000))
            let two = try await h.run(try Self.fal(fal), request: Self.referencing(2), kind: .image,
                                      inputs: [try h.image(2), try h.image(3)])
            #expect(two.succeeded, "\(two.failures)")
            let jobs = fal.core.jobs
            #expect(jobs.map(\.path) == ["/fal-ai/flux-pro/kontext", "/fal-ai/flux-pro/kontext/multi"])
            #expect(jobs[0].body["image_url"]?.stringValue == "data:image/png;base64,\(try FixtureMedia.png(1).base64EncodedString())")
            #expect(jobs[0].body["aspect_ratio"] == "9:16" && jobs[0].body["image_size"] == nil && jobs[0].body["image_urls"] == nil)
            #expect(jobs[1].body["image_urls"] == .array(try [2, 3].map { .string("data:image/png;base64,\(try FixtureMedia.png($0).base64EncodedString())") }))
            #expect(jobs[1].body["image_url"] == nil)
            // Polled at the app's path: Kontext's and Kontext multi's are one app.
            #expect(fal.core.requests("GET", "/fal-ai/flux-pro/requests/").count >= 2)
        }
    }

    @Test func aModelThatTakesNoReferencesIsSentNone() async throws {
        try await Self.withFal { fal, h in
            var request = Self.referencing(1)
            request.model = "fal-ai/flux-pro/kontext/text-to-image"
            let summary = try await h.run(try Self.fal(fal), request: request, kind: .image, inputs: [try h.image(1)])
            #expect(summary.succeeded, "\(summary.failures)")
            let body = try #require(fal.core.jobs.first?.body)
            #expect(fal.core.jobs.first?.path == "/fal-ai/flux-pro/kontext/text-to-image")
            #expect(body["image_url"] == nil && body["image_urls"] == nil && body["aspect_ratio"] == "9:16")
        }
    }

    @Test(arguments: [("content_policy_violation", JobFailure.Reason.moderation), ("value_error", .invalidRequest)])
    func aFailedRequestIsReadFromItsResultAndNotAskedAgain(code: String, reason: JobFailure.Reason) async throws {
        try await Self.withFal { fal, h in
            fal.core.scriptNextJob(.fails(code: code, message: "refused"))
            let summary = try await h.run(try Self.fal(fal), request: imageRequest(), kind: .image, inputs: [])
            #expect(summary.failures[Self.node]?.reason == reason)
            #expect(fal.core.jobs.count == 1)
        }
    }

    @Test func theKeyShowsNowhere() async throws {
        let fal = try await FalFakeServer.start()
        let adapter = try Self.fal(fal)
        #expect(!String(describing: adapter).contains(fal.apiKey) && !String(reflecting: adapter).contains(fal.apiKey))
        #expect(!"\(Mirror(reflecting: adapter).children.map { "\($0.value)" })".contains(fal.apiKey))
        try await fal.core.stop()
    }
}
