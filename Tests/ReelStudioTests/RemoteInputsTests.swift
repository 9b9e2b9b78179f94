import Foundation
import ReelModel
import ReelProviders
import ReelTesting
import Testing

@testable import ReelStudio

/// What leaves the machine for a remote model: never the animatic's drawn panel. Until a
/// shot has a keyframe or reference images of its own, a remote take is made from the
/// prompt alone, and the plan says so. Checked on the bytes a loopback Kling receives.
@Suite(.serialized) struct RemoteInputsTests {
    /// PNG's signature, and the same bytes base64-encoded as the APIs carry images.
    static let pngSignature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    static let pngBase64 = "iVBORw0KGgo"

    @Test func theAnimaticPanelNeverReachesARemoteModel() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let dialect = KlingFakeServer()
        let kling = try await FakeTaskServer.start(dialect)
        // 720p vertical: a size Kling makes.
        let script = try dir.write("two-rooms.fountain", ProjectWorkflowTests.script)
        let project = try Project.create(at: dir.file("film"), script: script,
                                         format: VideoFormat(aspect: .vertical, size: .p720, frameRate: .fps24))
        let yaml = project.directory.appendingPathComponent("reel.yaml")
        let settings = try String(contentsOf: yaml, encoding: .utf8)
            .replacingOccurrences(of: "provider: animatic", with: "provider: kling")
        #expect(settings.contains("provider: kling"))
        try settings.write(to: yaml, atomically: true, encoding: .utf8)
        let production = try Production.open(try Project.find(project.directory), lockFor: "test")
        defer { production.close() }
        var env = ProcessInfo.processInfo.environment
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        env["REEL_POLL_INTERVAL"] = "0.01"
        env["KLING_ACCESS_KEY"] = dialect.accessKey
        env["KLING_SECRET_KEY"] = dialect.secretKey
        env["REEL_KLING_BASE_URL"] = kling.baseURL.absoluteString
        let studio = Studio(environment: env, sleeper: RecordingSleeper())

        let result = try await studio.generate(production, GenerateRequest(takes: 1))
        let summary = try #require(result.summary)
        #expect(summary.succeeded, "\(summary.failures)")
        let creates = kling.requests("POST", "/v1/videos/")
        #expect(creates.count == result.storyboard.shots.count)
        for create in creates {
            // Text-to-video, with no image of any kind in the request.
            #expect(create.path == "/v1/videos/text2video")
            let body = try #require(create.json)
            #expect(body["image"] == nil && body["image_tail"] == nil && body["image_list"] == nil)
            #expect(create.body.range(of: Self.pngSignature) == nil)
            #expect(!String(decoding: create.body, as: UTF8.self).contains(Self.pngBase64))
        }
        // The plan says why the shot goes as text.
        let shot = try #require(result.storyboard.shots.first)
        let setup = try studio.providerSetup(production)
        let plan = studio.plan(shot, board: result.storyboard, production: production, setup: setup, requested: nil)
        #expect(plan.provider == "kling", "\(plan.reasons)")
        #expect(plan.reasons.contains { $0.hasPrefix("text-to-video") })
        try await kling.stop()
    }

    @Test func aShotAskingForAFirstFrameGoesAsTextUntilItHasOne() {
        let shot = Shot(id: "S01-01", scene: "1", purpose: .action, duration: .seconds(2), size: .medium)
        #expect(shot.mode == .imageToVideo)
        #expect(FilmGraphBuilder.remoteMode(for: shot) == .text)
        #expect(FilmGraphBuilder.remoteModeReason(for: shot).contains("no keyframe"))
    }
}
