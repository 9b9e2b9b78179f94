import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `GeminiImageProvider` ("Nano Banana") against the Gemini API's `generateContent` on
/// loopback, through the executor: the prompt and the cast's references as parts, the still
/// from the answer's `inlineData`, refusals that arrive inside a 200.
@Suite struct GeminiImageTests {
    static let node = AdapterHarness.node(.image)

    static func gemini(_ fake: VeoFakeServer) throws -> GeminiImageProvider {
        let config = ProviderConfig(id: "gemini", baseURL: fake.baseURL, credentials: ["GEMINI_API_KEY": Secret(fake.apiKey)],
                                    models: [priced("gemini-3-pro-image-preview", "gemini", micros: 134_000, per: .image,
                                                    medium: .image)])
        return try GeminiImageProvider(config: config, support: try testSupport(probe: false))
    }

    /// The request as documented: one user turn, the prompt then each reference as
    /// `inlineData` (its type and exactly its stored bytes, in order), an image answer in the
    /// frame's aspect; the key only in `x-goog-api-key`.
    @Test func aStillFromReferencesSendsThemAsInlineDataPartsInOrder() async throws {
        try await withVendorFake(try await VeoFakeServer.start()) { fake, h in
            let inputs = [try h.image(1), try h.image(2)]
            var request = imageRequest()
            request.references = [ImageInput(input: 0, role: .reference, subject: "char:maya"),
                                  ImageInput(input: 1, role: .reference, subject: "loc:kitchen")]
            let summary = try await h.run(try Self.gemini(fake), request: request, kind: .image, inputs: inputs)
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(output.asset.mediaType == "image/png" && output.cost == Money(micros: 134_000))
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.png(5)))

            let sent = try #require(fake.requests("POST", "models/").first)
            #expect(sent.path == "/v1beta/models/gemini-3-pro-image-preview:generateContent")
            #expect(sent.header("x-goog-api-key") == fake.apiKey && sent.query["key"] == nil)
            let body = try #require(sent.json)
            let content = try #require(body["contents"]?.arrayValue?.first)
            #expect(content["role"] == "user")
            let parts = try #require(content["parts"]?.arrayValue)
            #expect(parts.first?["text"]?.stringValue == request.prompt, "the words first")
            let images = parts.compactMap { $0["inlineData"] }
            #expect(images.map { $0["mimeType"] } == ["image/png", "image/png"])
            #expect(images.compactMap { $0["data"]?.stringValue.flatMap { Data(base64Encoded: $0) } }
                    == [try FixtureMedia.png(1), try FixtureMedia.png(2)], "the stored bytes, bare base64, in order")
            #expect(body["generationConfig"]?["responseModalities"] == ["IMAGE"])
            #expect(body["generationConfig"]?["imageConfig"]?["aspectRatio"] == "9:16", "720x1280 is 9:16")
            #expect(body["generationConfig"]?["imageConfig"]?["imageSize"] == nil, "1K, the default, covers 720x1280")
            #expect(!(await journalText(h)).contains(fake.apiKey))
        }
    }

    @Test func a1080pFrameAsksGemini3For2K() {
        var request = imageRequest(width: 1080, height: 1920)
        #expect(GeminiImageProvider.body(request, references: [])["generationConfig"]?["imageConfig"]?["imageSize"] == "2K")
        request.model = "gemini-2.5-flash-image"
        #expect(GeminiImageProvider.body(request, references: [])["generationConfig"]?["imageConfig"]?["imageSize"] == nil)
    }

    @Test func theAspectIsTheNearestTheAPITakes() {
        #expect(GeminiImageProvider.aspect(width: 1280, height: 720) == "16:9")
        #expect(GeminiImageProvider.aspect(width: 720, height: 720) == "1:1")
        #expect(GeminiImageProvider.aspect(width: 1080, height: 1350) == "3:4")
        #expect(GeminiImageProvider.aspect(width: 2520, height: 1080) == "21:9")
    }

    /// Refusals come inside a 200 and are not asked again: a blocked prompt, a candidate
    /// stopped for safety (moderation), a candidate with no image (paid for: a failure);
    /// an API error is classified by its status.
    @Test(arguments: [
        (FakeResponse.json(["promptFeedback": ["blockReason": "PROHIBITED_CONTENT"]]), JobFailure.Reason.moderation,
         "Gemini refused the prompt (PROHIBITED_CONTENT)"),
        (.json(["candidates": [["content": ["parts": [["text": "I can't draw that."]]], "finishReason": "IMAGE_SAFETY"]]]),
         .moderation, "Gemini made no image: the content was refused (IMAGE_SAFETY)"),
        (.json(["candidates": [["content": ["parts": [["text": "Thinking…", "thought": true]]], "finishReason": "NO_IMAGE"]]]),
         .failed, "Gemini's answer has no image (NO_IMAGE)"),
        (VeoFakeServer.error(400, status: "INVALID_ARGUMENT", message: "Unsupported MIME type"), .invalidRequest, ""),
        (VeoFakeServer.error(403, status: "PERMISSION_DENIED", message: "API key not valid"), .auth, ""),
    ])
    func aRefusalIsClassifiedAndNotAskedAgain(answer: FakeResponse, reason: JobFailure.Reason, message: String) async throws {
        try await withVendorFake(try await VeoFakeServer.start()) { fake, h in
            fake.answers.script("image", answer)
            let summary = try await h.run(try Self.gemini(fake), request: imageRequest(), kind: .image)
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == reason)
            #expect(message.isEmpty || failure.message == message, "\(failure.message)")
            #expect(fake.requests("POST", "models/").count == 1)
            #expect(summary.outputs[Self.node] == nil)
        }
    }

    /// A thought part's picture is an interim sketch: the answer's image is the first part that is not a thought.
    @Test func aThoughtsPictureIsNotTheStill() async throws {
        try await withVendorFake(try await VeoFakeServer.start()) { fake, h in
            let sketch = try FixtureMedia.png(1).base64EncodedString(), final = try FixtureMedia.png(2).base64EncodedString()
            fake.answers.script("image", .json(["candidates": [["content": ["parts": [
                ["inlineData": ["mimeType": "image/png", "data": .string(sketch)], "thought": true],
                ["inlineData": ["mimeType": "image/png", "data": .string(final)]],
            ]], "finishReason": "STOP"]]]))
            let summary = try await h.run(try Self.gemini(fake), request: imageRequest(), kind: .image)
            let output = try #require(summary.outputs[Self.node])
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.png(2)))
        }
    }

    @Test func theCheckCountsImageModelsAndTheKeyNeverShows() async throws {
        try await withVendorFake(try await VeoFakeServer.start()) { fake, _ in
            fake.answers.script("models", .json(["models": [["name": "models/gemini-3-pro-image-preview"],
                                                            ["name": "models/gemini-2.5-flash-image"], ["name": "models/veo-3.1"]]]))
            let gemini = try Self.gemini(fake)
            #expect(try await gemini.check() == "key accepted; 2 image models")
            #expect(!String(describing: gemini).contains(fake.apiKey) && !String(reflecting: gemini).contains(fake.apiKey))
        }
    }
}
