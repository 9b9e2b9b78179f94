import Foundation
import ReelAssistant
import ReelEngine
import ReelModel
import ReelSimulator
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// A series: three episodes share one bible. The writer of each new episode is told the
/// bible's characters and the series' rules (seen in what the fake model receives); a
/// reference image added in episode 1 is what an image model receives in episode 2; the
/// series' look is in every episode's prompts; `seriesStatus` adds the episodes up.
@Suite(.serialized) struct SeriesTests {
    @Test func threeEpisodesShareTheirCastReferencesAndLook() async throws {
        try await DraftProjectTests.withFake { fake, dir in
            let sim = try await SimulatedProviderServer.start(config: .instant)
            var env = DraftProjectTests.environment(dir, fake)
            env["REEL_SIM_BASE_URL"] = sim.baseURL.absoluteString
            env["SIM_API_KEY"] = "sim-key"
            env["REEL_POLL_INTERVAL"] = "0.01"
            let studio = Studio(environment: env, sleeper: RecordingSleeper())
            let started = try await studio.startSeries(SeriesRequest(
                title: "The Last Delivery", directory: dir.file("series"), aspect: .vertical, episodes: 3,
                style: "soft film grain, sodium-vapour light", rules: ["Rose never learns who sent the parcel"]))
            #expect(started.episodes.isEmpty && started.cast.isEmpty && started.planned == 3)
            let folder = dir.file("series")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("series.yaml").path))
            let again = await #expect(throws: ReelError.self) { try await studio.startSeries(SeriesRequest(title: "Again", directory: folder)) }
            #expect(again?.message == "there is a series here already")

            // Episode 1 from an idea: the writer is told the series' rule; the bible is empty.
            fake.transcript([WriterTranscripts.englishOutline, WriterTranscripts.englishScreenplay])
            let first = try await studio.addEpisode(folder, from: .idea(DraftProjectTests.idea, seconds: 40, writer: nil, answers: [:]))
            #expect(first.directory == folder.appendingPathComponent("ep01").path)
            let firstPrompt = fake.requests("POST", "chat/completions").first?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue ?? ""
            #expect(firstPrompt.contains("Series rule: Rose never learns who sent the parcel"))
            #expect(!firstPrompt.contains("keep these characters"), "no one in the bible yet")

            // The outline's descriptions went to the bible; MAYA's face is added in episode 1.
            let face = try dir.write("maya.png", FixtureMedia.png(5))
            let ep1 = try Production.open(try Project.find(folder.appendingPathComponent("ep01")), lockFor: "cast")
            _ = try await studio.addToCast(ep1, CastAddition(name: "MAYA", images: [face]))
            #expect(try await ep1.repository.castEntries().isEmpty, "the episode's own database keeps no cast")
            ep1.close()

            // Episode 2 from an idea: the writer is told who is in the series, with their descriptions.
            fake.transcript([WriterTranscripts.englishOutline, WriterTranscripts.englishScreenplay])
            _ = try await studio.addEpisode(folder, from: .idea("Rose finds the courier again a year later", seconds: 40, writer: nil,
                                                                answers: [:]))
            let secondPrompt = fake.requests("POST", "chat/completions").dropFirst(2).first?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue ?? ""
            #expect(secondPrompt.contains("Series \"The Last Delivery\": keep these characters, with these names: MAYA"), "\(secondPrompt)")
            #expect(secondPrompt.contains("ROSE (") && secondPrompt.contains("grey cardigan"), "Rose as episode 1 described her")

            // Episode 3 from a script.
            let script = try dir.write("two-rooms.fountain", FixtureScripts.twoRooms)
            let third = try await studio.addEpisode(folder, from: .script(script))
            #expect(third.directory == folder.appendingPathComponent("ep03").path && third.writer == nil)

            // In episode 2 MAYA has her face from episode 1, and an image model receives exactly it.
            let ep2Folder = folder.appendingPathComponent("ep02")
            let yaml = ep2Folder.appendingPathComponent("reel.yaml")
            try (String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim"))
                .write(to: yaml, atomically: true, encoding: .utf8)
            let ep2 = try Production.open(try Project.find(ep2Folder), lockFor: "test")
            let board = try await studio.plan(ep2, save: true)
            let maya = try #require(board.subjects.first { $0.name == "MAYA" })
            #expect(maya.references == [try Hashing.sha256(fileAt: face).digest], "her reference, from the bible")
            let shot = try #require(board.shots.first { $0.subjects.contains(maya.id) })
            #expect(try await studio.shot(ep2, id: shot.id).prompt.contains("Style: soft film grain, sodium-vapour light"),
                    "the series' look is in the episode's prompts")
            _ = try await studio.editShot(ep2, id: shot.id, change: ShotChange(mode: "image"))
            let stills = try await studio.keyframes(ep2, GenerateRequest(shots: [shot.id.rawValue], takes: 1, provider: "sim"))
            #expect(stills.summary?.succeeded == true, "\(String(describing: stills.summary?.failures))")
            let sent = sim.requests.last { $0.path == "/v1/images" }?.json?["references"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(sent.contains("data:image/png;base64," + (try Data(contentsOf: face)).base64EncodedString()),
                    "episode 2's still is made from the face given in episode 1")
            ep2.close()

            // Episode 3 sees her too; the status adds the episodes up.
            let ep3 = try Production.open(try Project.find(folder.appendingPathComponent("ep03")), lockFor: nil)
            #expect(try await studio.cast(ep3).first { $0.name == "MAYA" }?.references.count == 1)
            ep3.close()
            let status = try await studio.seriesStatus(folder.appendingPathComponent("ep03"))
            #expect(status.episodes.map(\.name) == ["ep01", "ep02", "ep03"] && status.episodes.allSatisfy { $0.problem == nil })
            #expect(status.episodes.map(\.title) == ["The Last Delivery", "The Last Delivery", "Two Rooms"])
            #expect(status.cast.first { $0.name == "MAYA" }?.references == 1 && status.cast.contains { $0.name == "ROSE" })
            #expect(status.look == "soft film grain, sodium-vapour light" && status.rules.count == 1)
            #expect(status.episodes[1].takes == 0 && !status.spent.isEmpty, "the writer's calls and the still are spent")
            try await sim.stop()
        }
    }

    @Test func withoutASeriesOrWithABrokenOneTheMessageSaysWhatToDo() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: ["REEL_CONFIG_DIR": dir.file("config").path])
        let missing = await #expect(throws: ReelError.self) { try await studio.seriesStatus(dir.url) }
        #expect(missing?.code == .notFound && missing?.hint?.contains("reel series init") == true)
        let untitled = await #expect(throws: ReelError.self) { try await studio.startSeries(SeriesRequest(title: "  ", parent: dir.url)) }
        #expect(untitled?.message == "the series has no title")
        try FileManager.default.createDirectory(at: dir.file("broken"), withIntermediateDirectories: true)
        try dir.write("broken/series.yaml", "language: en\n")
        let broken = await #expect(throws: ReelError.self) { try await studio.seriesStatus(dir.file("broken")) }
        #expect(broken?.code == .configuration && broken?.message == "series.yaml cannot be read: `title` is missing", "\(String(describing: broken))")
    }

    /// What a series must not do to work already there: take over projects, lose an
    /// episode's state silently, or lose its look to a typo.
    @Test func aSeriesNeverTakesOverOrForgetsWork() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: ["REEL_CONFIG_DIR": dir.file("config").path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
        // A folder of projects does not become a series.
        let script = try dir.write("two-rooms.fountain", FixtureScripts.twoRooms)
        _ = try Project.create(at: dir.file("films/two-rooms"), script: script, format: .default)
        let takeover = await #expect(throws: ReelError.self) {
            try await studio.startSeries(SeriesRequest(title: "Films", directory: dir.file("films")))
        }
        #expect(takeover?.message.hasPrefix("this folder holds Reel projects") == true)
        #expect(!FileManager.default.fileExists(atPath: dir.file("films/series.yaml").path))

        // A title with quotes, a colon, a backslash and a line break comes back as it was written.
        let title = "He said \"go\": now \\ then\n第二行"
        let series = try await studio.startSeries(SeriesRequest(title: title, directory: dir.file("odd"), rules: ["- not a list item: #1"]))
        #expect(series.title == title && series.rules == ["- not a list item: #1"])

        // An episode whose database is lost is refused, not started over.
        _ = try await studio.addEpisode(dir.file("odd"), from: .script(script))
        _ = try await studio.addEpisode(dir.file("odd"), from: .script(script))
        #expect(try Series.load(dir.file("odd")).episodes().map(\.lastPathComponent) == ["ep01", "ep02"])
        try FileManager.default.removeItem(at: dir.file("odd/ep02/.reel"))
        let lost = await #expect(throws: ReelError.self) {
            _ = try Production.open(try Project.find(dir.file("odd/ep02")), lockFor: "generate")
        }
        #expect(lost?.message.contains("the series' bible (which lists it in .reel/episodes/ep02)") == true, "\(String(describing: lost))")

        // A series.yaml that no longer reads stops the episodes instead of dropping the look.
        try "title: [unclosed\n".write(to: dir.file("odd/series.yaml"), atomically: true, encoding: .utf8)
        let broken = await #expect(throws: ReelError.self) {
            _ = try Production.open(try Project.find(dir.file("odd/ep01")), lockFor: nil)
        }
        #expect(broken?.code == .configuration)
    }
}
