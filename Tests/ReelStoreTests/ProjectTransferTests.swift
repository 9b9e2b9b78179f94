import Foundation
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelStore

/// A project moved from its file into the studio database and back out into a new file
/// reads the same through the repository at every step: nothing paid, picked, noted or
/// consented to is lost, and the notes a take carried still point at the same notes.
@Suite struct ProjectTransferTests {
    /// What a user sees of a project, in one comparable value.
    struct View: Equatable {
        var storyboard: Storyboard?
        var known: Set<ShotID>
        var takes: [Take]
        var keyframes: [Take]
        var picks: [ShotID: TakeID]
        var keyframePicks: [ShotID: TakeID]
        var auto: Set<ShotID>
        var notes: [String]
        var carried: [[String]]
        var edits: [ShotID: ShotEdit]
        var cast: [SubjectID: CastEntry]
        var consent: [ConsentEvent]
        var spent: [Money]
        var jobs: [String]
        var runs: Int

        init(_ repo: any ProjectRepository) async throws {
            storyboard = try await repo.loadStoryboard()
            known = try await repo.knownShotIDs()
            takes = try await repo.takes(of: nil)
            keyframes = try await repo.takes(of: nil, kind: .keyframe)
            picks = try await repo.picks()
            keyframePicks = try await repo.picks(kind: .keyframe)
            auto = try await repo.automaticPicks()
            let all = try await repo.notes(of: nil)
            notes = all.map { "\($0.shot) \($0.take?.rawValue ?? "-") \($0.text) \($0.withdrawnBy ?? "")" }
            let text = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.text) })
            // The notes a take carried, by their words: ids may differ from one database to the next.
            carried = takes.map { $0.notes.map { text[$0] ?? "missing note \($0)" } }
                + takes.map { ($0.inputs ?? []).compactMap(\.note).map { "frame of " + (text[$0] ?? "missing note \($0)") } }
            takes = takes.map { take in
                var take = take
                take.notes = []
                take.inputs = take.inputs?.map { var input = $0; input.note = input.note == nil ? nil : 0; return input }
                return take
            }
            edits = try await repo.shotEdits()
            cast = try await repo.castEntries()
            consent = try await repo.consentEvents()
            spent = try await repo.spent()
            jobs = try await repo.jobs(states: []).map { "\($0.node) \($0.state) \($0.attempts)" }.sorted()
            runs = try await repo.stats().runs
        }
    }

    static func fill(_ repo: SQLiteProjectRepository, _ journal: SQLiteJournal) async throws {
        let board = Storyboard(title: "搬家", language: .chinese, format: .default,
                               scenes: [StoryScene(id: "1", heading: "INT. 房间 - 夜", setting: .interior, location: "房间", timeOfDay: .night,
                                                   mood: .calm, line: 1)],
                               shots: ["S01-01", "S01-02", "S01-03"].map {
                                   Shot(id: ShotID($0), scene: "1", purpose: .action, duration: .seconds(2), size: .wide)
                               },
                               subjects: [])
        try await repo.saveStoryboard(board, fingerprints: ["S01-01": "f1", "S01-02": "f2", "S01-03": "f3"], scriptDigest: "d")
        // A shot retired by a re-plan.
        var shorter = board
        shorter.shots.removeLast()
        try await repo.saveStoryboard(shorter, fingerprints: ["S01-01": "f1", "S01-02": "f2"], scriptDigest: "d2")
        // Notes made before the takes that carry them (ids 1 and 2 here; others in the studio).
        let first = try await repo.addNote(ShotNote(id: 0, shot: "S01-01", text: "更暖的光", createdAt: Date(timeIntervalSince1970: 5)))
        let second = try await repo.addNote(ShotNote(id: 0, shot: "S01-01", text: "slower", author: "ana",
                                                     createdAt: Date(timeIntervalSince1970: 6)))
        _ = try await repo.withdrawNote(second.id, at: Date(timeIntervalSince1970: 7), by: "ben")
        let takes = (1...2).map { n in
            Take(shot: "S01-01", number: n, provider: "kling", model: "kling-v2", seed: UInt64.max - UInt64(n), fingerprint: "f1",
                 node: NodeID("video:S01-01#\(n)"), createdAt: Date(timeIntervalSince1970: Double(10 + n)), generatedMilliseconds: 5000,
                 fit: .trim, shows: ["char:lin"], notes: n == 2 ? [first.id, second.id] : [])
        }.map { take in
            var take = take
            take.inputs = take.number == 1 ? [TakeInput(role: .reference, subject: "char:lin", references: [Hashing.sha256("face")]),
                                              TakeInput(role: .note, note: second.id)] : nil
            return take
        }
        let still = Take(shot: "S01-02", number: 1, provider: "sim", model: "img", seed: 3, fingerprint: "k", node: "keyframe:S01-02#k1",
                         createdAt: Date(timeIntervalSince1970: 20), kind: .keyframe)
        try await repo.addTakes(takes + [still])
        for take in takes {
            let node = GraphNode(id: take.node, spec: JobSpec(kind: .video, provider: take.provider, seed: take.seed), shot: take.shot,
                                 estimatedCost: Money(micros: 700_000, currency: "CNY"))
            let key = CacheKey(spec: node.spec, inputs: [Hashing.sha256(take.id.rawValue)])
            try await journal.record(.running, for: key, node: node)
            try await journal.record(.submitted(ProviderHandle(provider: "kling", jobID: "task-\(take.number)")), for: key, node: node)
            let asset = Asset(digest: Hashing.sha256("clip \(take.number)"), mediaType: "video/mp4", byteCount: 1000,
                              media: MediaInfo(duration: .seconds(5), width: 720, height: 1280))
            try await journal.record(.succeeded(NodeOutput(asset: asset, cost: Money(micros: 650_000, currency: "CNY"))), for: key, node: node)
        }
        let note = try await repo.addNote(ShotNote(id: 0, shot: "S01-01", take: "S01-01#2", at: .milliseconds(1500),
                                                   box: NoteBox(x: 0.1, y: 0.2, width: 0.3, height: 0.4), text: "the hand",
                                                   createdAt: Date(timeIntervalSince1970: 30)))
        #expect(note.take == "S01-01#2")
        try await repo.pick("S01-01#2", for: "S01-01", kind: .video, auto: true)
        try await repo.pick("S01-02#k1", for: "S01-02", kind: .keyframe)
        try await repo.saveShotEdit(ShotEdit(prompt: "雨夜", size: .closeUp, scriptText: "雨。"), for: "S01-02")
        try await repo.saveCastEntry(CastEntry(kind: .character, name: "林晓", description: "短发",
                                               references: [Asset(digest: Hashing.sha256("face"), mediaType: "image/png", byteCount: 9)]),
                                     for: "char:lin")
        try await repo.appendConsentEvent(ConsentEvent(subject: "char:lin", action: .grant, at: Date(timeIntervalSince1970: 40), by: "Lin",
                                                       evidence: Hashing.sha256("signed"), providers: ["kling"]))
        let run = try await repo.startRun(command: "make", startedAt: Date(timeIntervalSince1970: 1))
        try await repo.finishRun(run, summary: RunSummary(total: 2, cached: 0, ran: 2))
        _ = try await repo.startRun(command: "generate", startedAt: Date(timeIntervalSince1970: 2))
    }

    @Test func aProjectMovedIntoTheStudioAndBackReadsTheSameEverywhere() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let file = try ProjectDatabase(path: dir.file("reel.sqlite").path)
        try await Self.fill(SQLiteProjectRepository(database: file), SQLiteJournal(database: file))
        let before = try await View(SQLiteProjectRepository(database: file))
        #expect(before.carried == [[], ["更暖的光", "slower"], ["frame of slower"], []] && before.known.count == 3)

        let studio = try await TestStudio.shared()
        // Another project's notes first, so the moved notes cannot keep their ids.
        let other = studio.project(TestPostgres.uniqueProject("other"))
        try await PostgresProjectRepository(other).saveStoryboard(ProjectTransferTests.board(), fingerprints: [:], scriptDigest: nil)
        for _ in 0..<3 { _ = try await PostgresProjectRepository(other).addNote(ShotNote(id: 0, shot: "S01-01", text: "x", createdAt: Date())) }

        let place = studio.project(TestPostgres.uniqueProject("moved"))
        let moved = try await ProjectTransfer.copy(file, into: place)
        #expect(moved["take"] == 2 && moved["keyframe"] == 1 && moved["note"] == 3 && moved["job_event"] == 6 && moved["ledger"] == 2)
        let inStudio = try await View(PostgresProjectRepository(place))
        #expect(inStudio == before)
        let studioNotes = try await PostgresProjectRepository(place).notes(of: nil)
        #expect(studioNotes.map(\.id) != (try await SQLiteProjectRepository(database: file).notes(of: nil)).map(\.id),
                "the studio gave the notes ids of its own")

        let back = try ProjectDatabase(path: dir.file("back.sqlite").path)
        let returned = try await ProjectTransfer.copy(place, into: back)
        #expect(returned == moved)
        #expect(try await View(SQLiteProjectRepository(database: back)) == before)
        // The journal came along: the same jobs are known done, with their attempts.
        let key = CacheKey(spec: JobSpec(kind: .video, provider: "kling", seed: UInt64.max - 1), inputs: [Hashing.sha256("S01-01#1")])
        #expect(try await SQLiteJournal(database: back).entry(for: key)?.attempts == 1)
        #expect(try await PostgresJournal(place).entry(for: key)?.state.name == "succeeded")
    }

    @Test func movingNeverMixesTwoHistories() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let file = try ProjectDatabase(path: dir.file("reel.sqlite").path)
        try await Self.fill(SQLiteProjectRepository(database: file), SQLiteJournal(database: file))
        let place = try await TestStudio.shared().project(TestPostgres.uniqueProject("twice"))
        _ = try await ProjectTransfer.copy(file, into: place)
        let before = try await View(PostgresProjectRepository(place))
        let again = await #expect(throws: ReelError.self) { try await ProjectTransfer.copy(file, into: place) }
        #expect(again?.code == .refused && again?.message.hasPrefix("the studio database already holds the project twice-") == true)
        #expect(try await View(PostgresProjectRepository(place)) == before, "nothing was added")

        let full = await #expect(throws: ReelError.self) { try await ProjectTransfer.copy(place, into: file) }
        #expect(full?.code == .refused && full?.message == "the project's own database already holds a project")
        #expect(try ProjectDatabase.holdsWork(at: dir.file("reel.sqlite").path))
        #expect(try !ProjectDatabase.holdsWork(at: dir.file("none.sqlite").path))
    }

    static func board() -> Storyboard {
        Storyboard(title: "t", language: .english, format: .default,
                   scenes: [StoryScene(id: "1", heading: "INT. A", setting: .interior, location: "A", timeOfDay: .day, mood: .calm, line: 1)],
                   shots: [Shot(id: "S01-01", scene: "1", purpose: .action, duration: .seconds(2), size: .wide)], subjects: [])
    }
}
