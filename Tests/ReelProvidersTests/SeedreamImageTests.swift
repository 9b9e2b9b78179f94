import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `SeedreamImageProvider` against Ark's `images/generations` on loopback, through the
/// executor: the cast's references as the `image` list, the picture as `b64_json`.
@Suite struct SeedreamImageTests {
    static let node = AdapterHarness.node(.image)

    static func seedream(_ ark: SeedanceFakeServer, key: String? = nil) throws -> SeedreamImageProvider {
        let config = ProviderConfig(id: "seedream", baseURL: ark.baseURL, credentials: ["ARK_API_KEY": Secret(key ?? ark.apiKey)],
                                    models: [priced("doubao-seedream-4-0-250828", "seedream", micros: 30_000, per: .image,
                                                    medium: .image)])
        return try SeedreamImageProvider(config: config, support: try Hosted.support(probe: false))
    }

    static func withArk(_ body: (SeedanceFakeServer, AdapterHarness) async throws -> Void) async throws {
        let ark = try await SeedanceFakeServer.start()
        try await Hosted.with(ark.core) { h in try await body(ark, h) }
    }

    @Test func aStillFromReferencesSendsThemAsDataURIsInOrder() async throws {
        try await Self.withArk { ark, h in
            var request = imageRequest()
            request.references = [ImageInput(input: 0, role: .reference, subject: "char:maya"),
                                  ImageInput(input: 1, role: .reference, subject: "loc:kitchen")]
            let summary = try await h.run(try Self.seedream(ark), request: request, kind: .image,
                                          inputs: [try h.image(1), try h.image(2)])
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(output.cost == Money(micros: 30_000))
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.png(6)))
            let sent = try #require(ark.core.requests("POST", "/api/v3/images/generations").first)
            #expect(sent.header("authorization") == "Bearer \(ark.apiKey)")
            let body = try #require(sent.json)
            #expect(body["model"] == "doubao-seedream-4-0-250828" && body["prompt"]?.stringValue == request.prompt)
            #expect(body["size"] == "1600x2848", "a 2K size in the frame's 9:16")
            #expect(body["response_format"] == "b64_json" && body["watermark"] == .bool(false))
            #expect(body["sequential_image_generation"] == "disabled" && body["seed"] == .int(7))
            #expect(body["image"]?.arrayValue?.compactMap(\.stringValue)
                    == ["data:image/png;base64," + (try FixtureMedia.png(1)).base64EncodedString(),
                        "data:image/png;base64," + (try FixtureMedia.png(2)).base64EncodedString()])
        }
    }

    @Test func aStillFromWordsSendsNoImage() async throws {
        try await Self.withArk { ark, h in
            let summary = try await h.run(try Self.seedream(ark), request: imageRequest(width: 1280, height: 720), kind: .image)
            #expect(summary.succeeded, "\(summary.failures)")
            let body = try #require(ark.core.requests("POST", "/api/v3/images/generations").first?.json)
            #expect(body["image"] == nil && body["size"] == "2848x1600")
        }
    }

    @Test(arguments: [
        (FakeResponse.json(["error": ["code": "OutputImageSensitiveContentDetected", "message": "flagged"]], status: 400),
         JobFailure.Reason.moderation),
        (.json(["model": "doubao-seedream-4-0-250828", "data": [["error": ["code": "OutputImageSensitiveContentDetected",
                                                                             "message": "flagged"]]]]), .moderation),
        (.json(["model": "doubao-seedream-4-0-250828", "data": []]), .failed),
        (.json(["error": ["code": "AuthenticationError", "message": "bad key"]], status: 401), .auth),
    ])
    func aRefusalIsClassifiedAndNotAskedAgain(answer: FakeResponse, reason: JobFailure.Reason) async throws {
        try await Self.withArk { ark, h in
            ark.core.script(.respond(answer), on: .create)
            let summary = try await h.run(try Self.seedream(ark), request: imageRequest(), kind: .image)
            #expect(summary.failures[Self.node]?.reason == reason, "\(summary.failures)")
            #expect(ark.core.requests("POST", "/api/v3/images/generations").count == 1)
        }
    }

    /// Seedream answers at once: there is no task to find again, so an answer lost after the
    /// request went out (it may have been paid) is not asked again by the run.
    @Test func aLostAnswerIsNotAskedAgainOnItsOwn() async throws {
        try await Self.withArk { ark, h in
            ark.core.script(.respond(FakeResponse(dropsConnection: true)), on: .create)
            let summary = try await h.run(try Self.seedream(ark), request: imageRequest(), kind: .image)
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == .failed && failure.providerCode == JobFailure.answerLost, "\(failure)")
            #expect(failure.message.contains("may have been paid"), "\(failure.message)")
            #expect(ark.core.requests("POST", "/api/v3/images/generations").count == 1, "sent once")
            #expect(await h.sleeper.waits.isEmpty)
        }
    }

    @Test func theCheckAcceptsTheKeyAndRefusesAWrongOne() async throws {
        let ark = try await SeedanceFakeServer.start()
        let accepted = try await Self.seedream(ark).check()
        let refused = await #expect(throws: JobFailure.self) { try await Self.seedream(ark, key: "ark-wrong").check() }
        try await ark.stop()
        #expect(accepted == "key accepted" && refused?.reason == .auth)
        #expect(refused?.message.contains("ark-wrong") == false)
    }
}
