import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// Keyframes from FLUX on fal for a film on Kling: `keyframes: fal` beside Kling's keys. The
/// still of a shot with Maya goes to FLUX Kontext's multi-image endpoint with her images, in
/// order, by their bytes; a shot with no one who has references goes from words alone to
/// FLUX dev; the video take that starts on the picked still receives exactly its bytes.
@Suite(.serialized) struct FluxKeyframeTests {
    @Test func aStillMadeByFluxFromTheCastIsWhatKlingsVideoStartsOn() async throws {
        let fal = try await FalFakeServer.start()
        let p = try await RemoteInputsTests.KlingProject(
            settings: "keyframes: fal\n",
            environment: ["FAL_KEY": fal.apiKey, "REEL_FAL_BASE_URL": fal.baseURL.absoluteString])
        let (dir, kling, production, studio) = (p.dir, p.kling, p.production, p.studio)
        let front = try dir.write("maya-front.jpg", FixtureMedia.jpeg(4))
        let side = try dir.write("maya-side.png", FixtureMedia.png(7))
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: [front, side]))
        let board = try await studio.plan(production, save: false)
        let withMaya = try #require(board.shots.first { $0.subjects.contains("char:maya") })
        let withoutReferences = try #require(board.shots.first { $0.subjects.isEmpty })
        for shot in [withMaya, withoutReferences] where !FilmGraphBuilder.takesKeyframes(shot) {
            _ = try await studio.editShot(production, id: shot.id, change: ShotChange(mode: "image"))
        }
        let shown = try await studio.shot(production, id: withMaya.id)
        #expect(shown.keyframeInput == "fal/flux, from 2 reference images (2 of MAYA)", "\(String(describing: shown.keyframeInput))")

        let made = try await studio.keyframes(production, GenerateRequest(shots: [withMaya.id.rawValue, withoutReferences.id.rawValue],
                                                                        takes: 1))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        #expect(made.added.map(\.provider) == ["fal", "fal"] && made.added.map(\.model) == ["flux", "flux"])
        let jobs = fal.core.jobs
        #expect(Set(jobs.map(\.path)) == ["/fal-ai/flux-pro/kontext/multi", "/fal-ai/flux/dev"], "\(jobs.map(\.path))")
        let multi = try #require(jobs.first { $0.path.hasSuffix("/multi") })
        let expected = try [front, side].map { url -> JSONValue in
            let data = try Data(contentsOf: url)
            return .string("data:image/\(url.pathExtension == "jpg" ? "jpeg" : "png");base64,\(data.base64EncodedString())")
        }
        #expect(multi.body["image_urls"] == .array(expected), "her two images, in order, by their bytes")
        #expect(multi.body["aspect_ratio"] == "9:16")
        let words = try #require(jobs.first { $0.path == "/fal-ai/flux/dev" })
        #expect(words.body["image_size"] == ["width": 720, "height": 1280] && words.body["image_urls"] == nil)
        #expect(kling.requests("POST", "/v1/images/").isEmpty, "Kling's image model was not asked: fal was named")
        let spent = try await production.repository.spent()
        #expect(spent == [Money(micros: 65_000)], "the catalog's prices of Kontext (0.04) and dev (0.025): \(spent)")

        _ = try await studio.pick(production, shot: withMaya.id, number: 1, kind: .keyframe)
        let take = try await studio.generate(production, GenerateRequest(shots: [withMaya.id.rawValue], takes: 1))
        #expect(take.summary?.succeeded == true, "\(String(describing: take.summary?.failures))")
        let video = try #require(kling.requests("POST", "/v1/videos/").last)
        #expect(video.path == "/v1/videos/image2video")
        let still = try #require(try await studio.shot(production, id: withMaya.id).keyframes.first?.output)
        #expect(try Data(contentsOf: URL(fileURLWithPath: still)) == (try FixtureMedia.png()), "the file fal's result named")
        #expect(video.json?["image"]?.stringValue == (try Data(contentsOf: URL(fileURLWithPath: still))).base64EncodedString(),
                "exactly the still FLUX drew")
        try await p.close()
        try await fal.core.stop()
    }
}

extension FluxKeyframeTests {
    /// fal's key is there for its video: with Kling's too and no `keyframes:`, stills stay on
    /// Kling's image model, as before fal made any.
    @Test func withKlingsAndFalsKeysAndNoneNamedStillsStayOnKling() async throws {
        let fal = try await FalFakeServer.start()
        let p = try await RemoteInputsTests.KlingProject(
            environment: ["FAL_KEY": fal.apiKey, "REEL_FAL_BASE_URL": fal.baseURL.absoluteString])
        let shot = try #require(try await p.studio.plan(p.production, save: false).shots.first)
        if !FilmGraphBuilder.takesKeyframes(shot) {
            _ = try await p.studio.editShot(p.production, id: shot.id, change: ShotChange(mode: "image"))
        }
        let made = try await p.studio.keyframes(p.production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        #expect(made.added.map(\.provider) == ["kling"])
        #expect(fal.core.jobs.isEmpty && p.kling.requests("POST", "/v1/images/generations").count == 1)
        try await p.close()
        try await fal.core.stop()
    }
}
