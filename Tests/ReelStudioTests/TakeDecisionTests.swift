import Foundation
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// Use cases that decide from the state of takes, on a project in memory: no database, no
/// ffmpeg, no provider.
@Suite struct TakeDecisionTests {
    static let script = """
        Title: Decisions

        INT. KITCHEN - NIGHT

        Maya waits by the window.

        MAYA
        He is late.

        """

    struct Fixture {
        let dir = TemporaryDirectory()
        let project = InMemoryProject()
        let production: Production
        let board: Storyboard

        init() async throws {
            let script = dir.file("script.fountain")
            try Data(TakeDecisionTests.script.utf8).write(to: script)
            let workspace = Workspace.project(at: dir.url)
            production = Production(name: "decisions", script: script, config: ProjectConfig(), workspace: workspace,
                                    blobs: try DirectoryBlobStore(root: workspace.mediaDirectory), repository: project,
                                    journal: project, rendersDirectory: dir.file("renders"))
            board = try await Studio().plan(production, save: true)
        }

        func take(_ shot: Shot, _ number: Int, fingerprint: String) -> Take {
            Take(shot: shot.id, number: number, provider: "sim", model: "m", seed: UInt64(number), fingerprint: fingerprint,
                 node: NodeID("video:\(shot.id)#\(number)"), createdAt: Date(timeIntervalSince1970: Double(number)))
        }

        func record(_ state: JobState, of take: Take) async {
            let node = GraphNode(id: take.node, spec: JobSpec(kind: .video, provider: take.provider, seed: take.seed),
                                 shot: take.shot)
            await project.record(state, for: CacheKey(spec: node.spec, inputs: []), node: node)
        }
    }

    static let output = NodeOutput(asset: Asset(digest: Hashing.sha256("take"), mediaType: "video/mp4", byteCount: 4),
                                   cost: Money(micros: 300_000))

    @Test func statusTellsWhatRunsAndWhatFailed() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let shot = try #require(f.board.shots.first)
        let (running, failed, done) = (f.take(shot, 1, fingerprint: "x"), f.take(shot, 2, fingerprint: "x"), f.take(shot, 3, fingerprint: "x"))
        try await f.project.addTakes([running, failed, done])
        await f.record(.submitted(ProviderHandle(provider: "sim", jobID: "task-9")), of: running)
        await f.record(.failed(JobFailure(.moderation, "the model refused the prompt")), of: failed)
        await f.record(.succeeded(Self.output), of: done)

        let status = try await Studio().status(f.production)
        #expect(status.shots == f.board.shots.count)
        #expect(status.shotsWithTake == 1 && status.shotsPicked == 0)
        #expect(status.inFlight.map(\.providerJobID) == ["task-9"])
        #expect(status.failed.map(\.message) == ["the model refused the prompt"])
    }

    @Test func onlyAFinishedTakeCanBePickedAndTakesSayWhichIsCurrent() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let shot = try #require(f.board.shots.first)
        let fingerprint = FilmGraphBuilder(storyboard: f.board, settings: Studio().renderSettings(f.production),
                                           generators: Studio().generators()).fingerprint(shot)
        let (old, running, current) = (f.take(shot, 1, fingerprint: "an earlier version"), f.take(shot, 2, fingerprint: fingerprint),
                                       f.take(shot, 3, fingerprint: fingerprint))
        try await f.project.addTakes([old, running, current])
        await f.record(.succeeded(Self.output), of: old)
        await f.record(.running, of: running)
        await f.record(.succeeded(Self.output), of: current)

        await #expect { try await Studio().pick(f.production, shot: shot.id, number: 2) } throws: { error in
            (error as? ReelError)?.message == "take \(shot.id)#2 is running, not finished"
        }
        await #expect { try await Studio().pick(f.production, shot: shot.id, number: 9) } throws: { error in
            (error as? ReelError)?.hint == "its takes are 1, 2, 3; `reel takes \(shot.id)` shows them"
        }
        #expect(try await Studio().pick(f.production, shot: shot.id, number: 1) == TakeID("\(shot.id)#1"))
        let report = try await Studio().takes(f.production, shot: shot.id)
        #expect(report.map(\.number) == [3, 2, 1])
        #expect(report.map(\.state) == ["succeeded", "running", "succeeded"])
        #expect(report.map(\.current) == [true, true, false])
        #expect(report.map(\.picked) == [false, false, true])
        #expect(report.first?.cost == Money(micros: 300_000))
    }

    /// The cut takes the pick even from an earlier version, else the newest good take of the
    /// shot as it is, else an older one, with a warning for each fallback.
    @Test func takeChoiceOrder() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let shot = try #require(f.board.shots.first)
        var old = f.take(shot, 1, fingerprint: "old")
        old.state = .succeeded(Self.output)
        var now = f.take(shot, 2, fingerprint: "now")
        now.state = .succeeded(Self.output)
        var newer = f.take(shot, 3, fingerprint: "now")
        newer.state = .failed(JobFailure(.transient, "503"))

        let picked = TakeChoice.choose(shot, fingerprint: "now", takes: [old, now, newer], pick: old.id)
        #expect(picked.stored?.take.id == old.id && picked.warning(shot) != nil && !picked.isFallback)
        let current = TakeChoice.choose(shot, fingerprint: "now", takes: [old, now, newer], pick: nil)
        #expect(current.stored?.take.id == now.id && current.warning(shot) == nil)
        let older = TakeChoice.choose(shot, fingerprint: "newest", takes: [old, now, newer], pick: nil)
        #expect(older.stored?.take.id == now.id && older.isFallback && older.warning(shot) != nil)
        let unfinishedPick = TakeChoice.choose(shot, fingerprint: "now", takes: [old, now, newer], pick: newer.id)
        #expect(unfinishedPick.stored?.take.id == now.id, "a pick that has no file falls back to the newest good take")
        #expect(TakeChoice.choose(shot, fingerprint: "now", takes: [newer], pick: nil).stored == nil)
    }
}
