import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelSimulator
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// `lipsync: fal`: a model's take whose shot has lines goes to a lip-sync model with the
/// shot's voices, and the cut is made from what comes back — once, however often the film
/// is cut again.
@Suite(.serialized) struct LipSyncTests {
    static let script = """
        Title: Kitchen

        INT. KITCHEN - NIGHT

        A kettle hisses on the stove.

        MAYA
        You came back after all these years, and you did not even write to tell me.

        The window, rain on the glass.

        BEN (V.O.)
        I never left. I was here the whole time, waiting for the last train.

        """

    /// A project on the simulated provider, with `settings` in its reel.yaml, and a studio that
    /// reaches `fal` when given.
    static func project(_ dir: TemporaryDirectory, settings: String, fal: FalFakeServer? = nil) async throws
        -> (SimulatedProviderServer, Production, Studio)
    {
        let sim = try await SimulatedProviderServer.start(config: .instant)
        let script = try dir.write("kitchen.fountain", Self.script)
        let project = try Project.create(at: dir.file("film"), script: script,
                                         format: VideoFormat(aspect: .vertical, size: .p720, frameRate: .fps24))
        let yaml = project.directory.appendingPathComponent("reel.yaml")
        try (String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim") + settings)
            .write(to: yaml, atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        env["REEL_POLL_INTERVAL"] = "0.01"
        env["REEL_SIM_BASE_URL"] = sim.baseURL.absoluteString
        env["SIM_API_KEY"] = "sim-key"
        if let fal {
            env["FAL_KEY"] = fal.apiKey
            env["REEL_FAL_BASE_URL"] = fal.baseURL.absoluteString
        }
        return (sim, try Production.open(try Project.find(project.directory), lockFor: "test"),
                Studio(environment: env, sleeper: RecordingSleeper()))
    }

    @Test func aModelsTakeWithLinesIsLipSyncedWithItsShotsVoicesOnce() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let fal = try await FalFakeServer.start()
        let (sim, production, studio) = try await Self.project(dir, settings: "lipsync: fal\n", fal: fal)
        defer { production.close() }
        #expect(production.config.lipSync == "fal")

        let board = try await studio.plan(production, save: true)
        let spoken = try #require(board.shots.first { !$0.dialogue.isEmpty && !$0.dialogue[0].offScreen })
        let silent = try #require(board.shots.first { $0.dialogue.isEmpty })
        let over = try #require(board.shots.first { $0.dialogue.first?.offScreen == true }, "a voice-over shot")
        #expect((2...10).contains(spoken.duration.seconds) && (2...10).contains(over.duration.seconds))
        let made = try await studio.generate(production, GenerateRequest(shots: [spoken.id.rawValue, silent.id.rawValue,
                                                                                over.id.rawValue], takes: 1))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        let take = try #require(try await production.repository.takes(of: spoken.id).first)
        let takeFile = try Data(contentsOf: production.blobs.url(for: try #require(take.output).asset))

        // Exported before a render: the take as the model made it, and the export says why
        // (an export never pays for a lip-sync).
        let early = try await studio.timeline(production)
        #expect(early.warnings.contains { $0.hasPrefix("\(spoken.id): its lip-synced picture is not made yet") }, "\(early.warnings)")
        #expect(Self.picture(spoken.id, in: early.timeline)?.media?.digest == take.output?.asset.digest.rawValue)
        #expect(fal.core.requests.filter { $0.method == "POST" }.isEmpty)

        let cut = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: false)
        #expect(cut.summary.succeeded, "\(cut.summary.failures)")
        let asked = fal.core.requests.filter { $0.method == "POST" && $0.path.contains("/lipsync/") }
        #expect(asked.count == 1, "only the take whose shot shows its speaker speaking: \(asked.map(\.path))")
        let body = try #require(asked.first?.json)
        #expect(asked.first?.path == "/fal-ai/kling-video/lipsync/audio-to-video")
        #expect(body["video_url"]?.stringValue == "data:video/mp4;base64," + takeFile.base64EncodedString(),
                "the take itself goes, byte for byte")
        let audio = try #require(body["audio_url"]?.stringValue)
        #expect(audio.hasPrefix("data:audio/mp4;base64,"))
        // The voices sent are the shot's lines, as long as the shot.
        let voices = dir.file("voices.m4a")
        try Data(base64Encoded: String(audio.dropFirst("data:audio/mp4;base64,".count)))?.write(to: voices)
        let probe = MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe())
        let heard = try await probe.probe(voices)
        #expect(abs((heard.duration?.seconds ?? 0) - spoken.duration.seconds) < 0.05, "\(String(describing: heard.duration))")

        // The clip is conformed from the lip-synced video; the cost is in the ledger.
        let builder = try await studio.filmBuilder(production, board: board, setup: try studio.providerSetup(production))
        let film = try builder.build(sources: [spoken.id: .stored(take, try #require(take.output))])
        let clip = try #require(film.graph[NodeID("clip:\(spoken.id)")])
        #expect(clip.inputs == [NodeID("lipsync:\(take.id)")])
        #expect(film.graph[NodeID("lipsync:\(take.id)")]?.inputs == [NodeID("take:\(take.id)"), NodeID("voices:\(spoken.id)")])
        // Priced before it runs (the budget cap holds it back) and charged: $0.014 a second of
        // the take, in whole 5 s steps.
        let seconds = Double(take.generatedMilliseconds ?? Int64(spoken.duration.seconds * 1000)) / 1000
        let price = Money(micros: Int64((seconds / 5).rounded(.up)) * 5 * 14_000)
        #expect(film.graph[NodeID("lipsync:\(take.id)")]?.estimatedCost == price)
        #expect(cut.summary.outputs[NodeID("lipsync:\(take.id)")]?.cost == price)

        // Cut again: nothing is sent again.
        let again = try await studio.film(production, output: dir.file("cut2.mp4"), makeMissing: false)
        #expect(again.summary.succeeded)
        #expect(fal.core.requests.filter { $0.method == "POST" }.count == 1, "paid once")

        // Exported after: the editor gets the lip-synced picture the film was cut from.
        let synced = try #require(cut.summary.outputs[NodeID("lipsync:\(take.id)")])
        let late = try await studio.timeline(production)
        #expect(!late.warnings.contains { $0.contains("lip-synced") }, "\(late.warnings)")
        let exported = try #require(Self.picture(spoken.id, in: late.timeline))
        #expect(exported.media?.digest == synced.asset.digest.rawValue && exported.metadata["lipsync"] == true)
        #expect(Self.picture(silent.id, in: late.timeline)?.metadata["lipsync"] == nil)
        #expect(fal.core.requests.filter { $0.method == "POST" }.count == 1, "the export paid nothing")
        try await sim.stop()
        try await fal.core.stop()
    }

    /// The picture track's clip of `shot`.
    static func picture(_ shot: ShotID, in timeline: Timeline) -> Clip? {
        for case .clip(let clip) in timeline.tracks.first(where: { $0.kind == .video })?.items ?? [] where clip.name == shot.rawValue {
            return clip
        }
        return nil
    }

    @Test func aFailedLipSyncLeavesTheShotAsItIsAndSaysSo() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let fal = try await FalFakeServer.start()
        let (sim, production, studio) = try await Self.project(dir, settings: "lipsync: fal\n", fal: fal)
        defer { production.close() }
        let board = try await studio.plan(production, save: true)
        let spoken = try #require(board.shots.first { !$0.dialogue.isEmpty && !$0.dialogue[0].offScreen })
        _ = try await studio.generate(production, GenerateRequest(shots: [spoken.id.rawValue], takes: 1))
        fal.core.scriptNextJob(.fails(code: "no_face", message: "no face was found in the video"))
        let cut = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: false)
        #expect(cut.summary.succeeded && FileManager.default.fileExists(atPath: cut.film.path))
        #expect(cut.warnings.contains { $0.hasPrefix("\(spoken.id): the lip-sync of its take failed") && $0.contains("no face") },
                "\(cut.warnings)")
        #expect(cut.sources[spoken.id] != nil)
        try await sim.stop()
        try await fal.core.stop()
    }

    @Test func aLipSyncProviderThatIsNotOneOrHasNoKeyIsRefusedBeforeAnythingRuns() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (sim, production, studio) = try await Self.project(dir, settings: "lipsync: kling\n")
        defer { production.close() }
        let error = await #expect(throws: ReelError.self) {
            try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: false)
        }
        #expect(error?.message == "lipsync: kling is not a lip-sync provider")
        #expect(error?.hint?.contains("fal") == true)
        try await sim.stop()
    }
}
