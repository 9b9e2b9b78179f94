import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// Keyframes on Kling's image models with only Kling's keys: Kling takes one image, so the
/// still is a Kling task made from a sheet of who is in frame first, and the video take that
/// starts on it receives exactly its bytes — the whole directing loop on one vendor, as
/// Chinese short-drama studios run it.
@Suite(.serialized) struct KlingKeyframeTests {
    @Test func aKeyframeMadeOnKlingFromTheCastIsWhatKlingsVideoStartsOn() async throws {
        let p = try await RemoteInputsTests.KlingProject()
        let (dir, kling, production, studio) = (p.dir, p.kling, p.production, p.studio)
        let face = try dir.write("maya.png", FixtureMedia.png(7))
        let other = try dir.write("maya-side.png", FixtureMedia.png(8))
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: [face, other]))
        let shot = try #require(try await studio.plan(production, save: false).shots.first { $0.subjects.contains("char:maya") })
        if !FilmGraphBuilder.takesKeyframes(shot) {
            _ = try await studio.editShot(production, id: shot.id, change: ShotChange(mode: "image"))
        }
        let shown = try await studio.shot(production, id: shot.id)
        #expect(shown.keyframeInput == "kling/kling-v2-1, from 1 reference image (a sheet of MAYA's 2)",
                "\(String(describing: shown.keyframeInput))")

        // No provider named: Kling is the only image model configured.
        let made = try await studio.keyframes(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        #expect(made.added.map(\.provider) == ["kling"] && made.added.map(\.model) == ["kling-v2-1"])
        let create = try #require(kling.requests("POST", "/v1/images/generations").first?.json)
        let sheet = try #require(made.summary?.outputs.first { $0.key.rawValue.hasPrefix("sheet:char:maya:") }?.value)
        #expect(sheet.asset.media?.width == 1024 && sheet.asset.media?.height == 512, "her two images side by side")
        #expect(create["image"] == .string(try Data(contentsOf: production.blobs.url(for: sheet.asset)).base64EncodedString()),
                "the sheet of her images, bare base64")
        #expect(create["aspect_ratio"] == "9:16")
        #expect(made.notes.contains("made from the cast's reference images: \(shot.id) (a sheet of MAYA's 2)"), "\(made.notes)")
        let spent = try await production.repository.spent()
        #expect(spent == [Money(micros: 210_000)], "the 1.5 units Kling reported, at its default unit price: \(spent)")

        _ = try await studio.pick(production, shot: shot.id, number: 1, kind: .keyframe)
        let take = try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        #expect(take.summary?.succeeded == true, "\(String(describing: take.summary?.failures))")
        let video = try #require(kling.requests("POST", "/v1/videos/").last)
        #expect(video.path == "/v1/videos/image2video")
        let still = try #require(try await studio.shot(production, id: shot.id).keyframes.first?.output)
        #expect(video.json?["image"]?.stringValue == (try Data(contentsOf: URL(fileURLWithPath: still))).base64EncodedString(),
                "exactly the still Kling drew")
        #expect(try Data(contentsOf: URL(fileURLWithPath: still)) == (try FixtureMedia.png()), "the file Kling's task served")
        try await p.close()
    }
}
