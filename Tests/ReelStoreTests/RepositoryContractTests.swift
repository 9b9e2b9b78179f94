import Foundation
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelStore

/// One contract for every place a project's state can live: an SQLite file, SQLite in
/// memory, a project in a studio's PostgreSQL database (a real server, ``TestPostgres``), and
/// the in-memory project Studio tests use. Each test runs on all four.
@Suite struct RepositoryContractTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqliteFile = "SQLite file", sqliteMemory = "SQLite in memory", postgres = "PostgreSQL", inMemory = "in memory"
        var testDescription: String { rawValue }

        func open(_ dir: TemporaryDirectory) async throws -> (any ProjectRepository, any JobJournal) {
            switch self {
            case .postgres:
                let project = try await TestStudio.shared().project(TestPostgres.uniqueProject())
                return (PostgresProjectRepository(project), PostgresJournal(project))
            case .sqliteFile, .sqliteMemory:
                let db = try self == .sqliteFile ? ProjectDatabase(path: dir.file("reel.sqlite").path) : ProjectDatabase()
                return (SQLiteProjectRepository(database: db), SQLiteJournal(database: db))
            case .inMemory:
                let project = InMemoryProject()
                return (project, project)
            }
        }
    }

    static func storyboard(_ ids: [String]) -> Storyboard {
        Storyboard(title: "t", language: .english, format: .default,
                   scenes: [StoryScene(id: "1", heading: "INT. A", setting: .interior, location: "A", timeOfDay: .day,
                                       mood: .calm, line: 1)],
                   shots: ids.map { Shot(id: ShotID($0), scene: "1", purpose: .action, duration: .seconds(2), size: .wide) },
                   subjects: [])
    }

    static func take(_ shot: ShotID, _ number: Int, fingerprint: String = "f1") -> Take {
        var take = Take(shot: shot, number: number, provider: "sim", model: "m", seed: 7, fingerprint: fingerprint,
                        node: NodeID("video:\(shot)#\(number)"), createdAt: Date(timeIntervalSince1970: 1),
                        generatedMilliseconds: 5000, fit: .trim)
        // What its request carried: every kind of picture, so each store keeps every field.
        if number == 1 {
            take.inputs = [TakeInput(role: .firstFrame, take: TakeID("\(shot)#k2")), TakeInput(role: .lastFrame, take: "S00-01#3"),
                           TakeInput(role: .reference, subject: "char:maya", references: [Hashing.sha256("front"), Hashing.sha256("side")]),
                           TakeInput(role: .note, note: 4)]
        } else if number == 2 {
            take.inputs = []
        }
        return take
    }

    static func node(_ take: Take, estimate: Money? = nil) -> GraphNode {
        GraphNode(id: take.node, spec: JobSpec(kind: .video, provider: take.provider, seed: take.seed), shot: take.shot,
                  estimatedCost: estimate)
    }

    static func key(_ take: Take) -> CacheKey {
        CacheKey(spec: node(take).spec, inputs: [Hashing.sha256(take.id.rawValue)])
    }

    static let asset = Asset(digest: Hashing.sha256("x"), mediaType: "video/mp4", byteCount: 1)

    @Test(arguments: Backend.allCases)
    func storyboardsRoundTripAndRetiredShotsAreRemembered(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, _) = try await backend.open(dir)
        #expect(try await repo.loadStoryboard() == nil)
        try await repo.saveStoryboard(Self.storyboard(["S01-01", "S01-02"]), fingerprints: [:], scriptDigest: nil)
        try await repo.saveStoryboard(Self.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: nil)
        #expect(try await repo.loadStoryboard()?.shots.map(\.id) == ["S01-01"])
        #expect(try await repo.knownShotIDs() == ["S01-01", "S01-02"])
    }

    @Test(arguments: Backend.allCases)
    func shotEditsAreKeptReplacedAndRemoved(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, _) = try await backend.open(dir)
        #expect(try await repo.shotEdits().isEmpty)
        let edit = ShotEdit(prompt: "雨夜，外卖员抬头", size: .closeUp, duration: .milliseconds(4500), subjects: ["char:maya"],
                            scriptText: "Maya waits.")
        try await repo.saveShotEdit(edit, for: "S01-01")
        try await repo.saveShotEdit(ShotEdit(empty: true, scriptText: "Rain."), for: "S01-02")
        #expect(try await repo.shotEdits() == ["S01-01": edit, "S01-02": ShotEdit(empty: true, scriptText: "Rain.")])
        var again = edit
        again.move = .pushIn
        try await repo.saveShotEdit(again, for: "S01-01")
        try await repo.saveShotEdit(nil, for: "S01-02")
        try await repo.saveShotEdit(nil, for: "S09-09")
        #expect(try await repo.shotEdits() == ["S01-01": again])
    }

    @Test(arguments: Backend.allCases)
    func castEntriesAreKeptAndReplaced(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, _) = try await backend.open(dir)
        #expect(try await repo.castEntries().isEmpty)
        let maya = CastEntry(kind: .character, name: "MAYA", description: "30s, red scarf",
                             references: [Asset(digest: Hashing.sha256("front"), mediaType: "image/png", byteCount: 10)])
        try await repo.saveCastEntry(maya, for: "char:maya")
        try await repo.saveCastEntry(CastEntry(kind: .prop, name: "外卖箱"), for: "prop:外卖箱")
        var again = maya
        again.references.append(Asset(digest: Hashing.sha256("side"), mediaType: "image/jpeg", byteCount: 12))
        try await repo.saveCastEntry(again, for: "char:maya")
        #expect(try await repo.castEntries() == ["char:maya": again, "prop:外卖箱": CastEntry(kind: .prop, name: "外卖箱")])
    }

    @Test(arguments: Backend.allCases)
    func theConsentLedgerOnlyGrows(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, _) = try await backend.open(dir)
        let grant = ConsentEvent(subject: "char:林晓", action: .grant, at: Date(timeIntervalSince1970: 100), by: "Lin Xiao",
                                 evidence: Hashing.sha256("signed"), providers: ["kling"],
                                 expiresAt: Date(timeIntervalSince1970: 1_000))
        let revoke = ConsentEvent(subject: "char:林晓", action: .revoke, at: Date(timeIntervalSince1970: 200), reason: "asked")
        try await repo.appendConsentEvent(grant)
        try await repo.appendConsentEvent(revoke)
        #expect(try await repo.consentEvents() == [grant, revoke])
        let consent = try #require(ConsentLedger(try await repo.consentEvents()).consent(for: "char:林晓"))
        #expect(consent.revokedAt == Date(timeIntervalSince1970: 200) && consent.providers == ["kling"])
    }

    /// A take's state is its job's, typed, through every transition; what was asked is kept.
    @Test(arguments: Backend.allCases)
    func aTakeFollowsItsJob(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, journal) = try await backend.open(dir)
        try await repo.saveStoryboard(Self.storyboard(["S01-01", "S01-02"]), fingerprints: ["S01-01": "f1"], scriptDigest: nil)
        let take = Self.take("S01-01", 1)
        try await repo.addTakes([take, Self.take("S01-02", 1), Self.take("S01-01", 2)])
        #expect(try await repo.takes(of: "S01-01").map(\.id) == ["S01-01#1", "S01-01#2"])
        #expect(try await repo.takes(of: nil).map(\.id) == ["S01-01#1", "S01-01#2", "S01-02#1"])
        let asked = try #require(try await repo.takes(of: "S01-01").first)
        #expect(asked == take)
        #expect(asked.inputs?.count == 4, "the pictures its request carried")
        #expect(try await repo.takes(of: "S01-01").last?.inputs == [], "words alone stays words alone, not unknown")
        #expect(try await repo.takes(of: "S01-02").first?.inputs?.first == TakeInput(role: .firstFrame, take: "S01-02#k2"))
        #expect(asked.state == .requested && asked.isResumable)

        let (key, node) = (Self.key(take), Self.node(take, estimate: Money(micros: 250_000)))
        try await journal.record(.pending, for: key, node: node)
        #expect(try await repo.takes(of: "S01-01").first?.state == .pending)
        try await journal.record(.running, for: key, node: node)
        try await journal.record(.submitted(ProviderHandle(provider: "sim", jobID: "gen_1")), for: key, node: node)
        let submitted = try #require(try await repo.takes(of: "S01-01").first)
        #expect(submitted.state == .submitted && submitted.providerJobID == "gen_1" && submitted.attempts == 1)
        #expect(try await repo.stats().committed == [Money(micros: 250_000)])

        let output = NodeOutput(asset: Self.asset, cost: Money(micros: 240_000))
        try await journal.record(.succeeded(output), for: key, node: node)
        let done = try #require(try await repo.takes(of: "S01-01").first)
        #expect(done.state == .succeeded(output) && done.succeeded && !done.isResumable)
        #expect(done.output?.cost == Money(micros: 240_000))
        #expect(done.providerJobID == "gen_1", "the provider's job id outlives the submitted state")
        #expect(done.generatedMilliseconds == 5000 && done.fit == .trim && done.seed == 7)
        #expect(done.updatedAt != nil)
        #expect(try await repo.spent() == [Money(micros: 240_000)])
        #expect(try await repo.stats().committed.isEmpty)
    }

    /// Keyframes are takes of their own kind: numbered apart from video takes, picked apart,
    /// and not counted as attempts at a shot's video.
    @Test(arguments: Backend.allCases)
    func keyframesAreNumberedAndPickedApartFromVideoTakes(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, journal) = try await backend.open(dir)
        try await repo.saveStoryboard(Self.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: nil)
        let video = Self.take("S01-01", 1)
        let still = Take(shot: "S01-01", number: 1, provider: "sim", model: "sim-image-1", seed: 9, fingerprint: "k1",
                         node: "keyframe:S01-01#k1", createdAt: Date(timeIntervalSince1970: 2), kind: .keyframe)
        #expect(still.id == "S01-01#k1")
        try await repo.addTakes([video, still])
        #expect(try await repo.takes(of: "S01-01").map(\.id) == ["S01-01#1"])
        let keyframes = try await repo.takes(of: "S01-01", kind: .keyframe)
        #expect(keyframes == [still])
        let node = GraphNode(id: still.node, spec: JobSpec(kind: .image, provider: "sim", seed: 9), shot: still.shot)
        let output = NodeOutput(asset: Asset(digest: Hashing.sha256("png"), mediaType: "image/png", byteCount: 3),
                                cost: Money(micros: 40_000))
        // Recorded first as done, as a job whose provider answered at once may be.
        try await journal.record(.succeeded(output), for: CacheKey(spec: node.spec, inputs: []), node: node)
        #expect(try await repo.takes(of: nil, kind: .keyframe).first?.output == output)
        try await repo.pick(still.id, for: "S01-01", kind: .keyframe)
        #expect(try await repo.picks(kind: .keyframe) == ["S01-01": "S01-01#k1"])
        #expect(try await repo.picks().isEmpty, "picking a keyframe picks no video take")
        try await repo.pick(video.id, for: "S01-01")
        #expect(try await repo.picks() == ["S01-01": "S01-01#1"])
        #expect(try await repo.picks(kind: .keyframe) == ["S01-01": "S01-01#k1"])
        let stats = try await repo.stats()
        #expect(stats.takes == 1 && stats.attemptsPerPickedShot == 1)

        // A pick taken back is gone, of its kind only; taking back nothing changes nothing.
        let before = try await repo.changeToken()
        #expect(try await repo.unpick("S01-01", kind: .keyframe) == "S01-01#k1")
        #expect(try await repo.picks(kind: .keyframe).isEmpty)
        #expect(try await repo.picks() == ["S01-01": "S01-01#1"])
        let after = try await repo.changeToken()
        #expect(after != before, "a studio watching the project sees it")
        #expect(try await repo.unpick("S01-01", kind: .keyframe) == nil)
        #expect(try await repo.changeToken() == after)
        try await repo.pick(video.id, for: "S01-01", kind: .video, auto: true)
        #expect(try await repo.automaticPicks() == ["S01-01"])
        #expect(try await repo.unpick("S01-01", kind: .video) == "S01-01#1")
        #expect(try await repo.picks().isEmpty)
        #expect(try await repo.automaticPicks().isEmpty)
    }

    /// A take refused for good stays as it is; one that may mend is resumed, not re-bought.
    @Test(arguments: Backend.allCases)
    func failedTakesAreResumableOnlyWhenTryingAgainMayHelp(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, journal) = try await backend.open(dir)
        try await repo.saveStoryboard(Self.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: nil)
        let (refused, flaky) = (Self.take("S01-01", 1), Self.take("S01-01", 2))
        try await repo.addTakes([refused, flaky])
        try await journal.record(.failed(JobFailure(.moderation, "refused")), for: Self.key(refused), node: Self.node(refused))
        try await journal.record(.failed(JobFailure(.transient, "503")), for: Self.key(flaky), node: Self.node(flaky))
        let takes = try await repo.takes(of: "S01-01")
        #expect(takes.map(\.failure?.reason) == [.moderation, .transient])
        #expect(takes.map(\.isResumable) == [false, true])
        let failed = try await repo.jobs(states: ["failed"])
        #expect(Set(failed.map(\.node)) == ["video:S01-01#1", "video:S01-01#2"])
        #expect(Set(failed.compactMap(\.failureReason)) == ["moderation", "transient"])
        #expect(try await repo.jobs(states: ["running"]).isEmpty)
        #expect(try await repo.jobs(states: []).count == 2)
    }

    /// The rule the idempotency key rests on: a run counts an attempt, an expired result a
    /// resubmission (a new key for the provider); nothing else changes either.
    @Test(arguments: Backend.allCases)
    func attemptsAndResubmitsFollowOneRule(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, journal) = try await backend.open(dir)
        try await repo.saveStoryboard(Self.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: nil)
        let take = Self.take("S01-01", 1)
        let (key, node) = (Self.key(take), Self.node(take))
        #expect(try await journal.entry(for: key) == nil)
        try await journal.record(.pending, for: key, node: node)
        let first = try #require(try await journal.entry(for: key))
        #expect(first.attempts == 0 && first.resubmits == 0)
        try await journal.record(.running, for: key, node: node)
        try await journal.record(.failed(JobFailure(.transient, "503")), for: key, node: node)
        try await journal.record(.running, for: key, node: node)
        try await journal.record(.failed(JobFailure(.expired, "the link expired")), for: key, node: node)
        let expired = try #require(try await journal.entry(for: key))
        #expect(expired.attempts == 2 && expired.resubmits == 1)
        #expect(expired.idempotencyKey != first.idempotencyKey && expired.idempotencyKey.hasPrefix(first.idempotencyKey))
        try await journal.record(.running, for: key, node: node)
        try await journal.record(.succeeded(NodeOutput(asset: Self.asset)), for: key, node: node)
        let done = try #require(try await journal.entry(for: key))
        #expect(done.attempts == 3 && done.resubmits == 1 && done.state == .succeeded(NodeOutput(asset: Self.asset)))
        let other = Self.key(Self.take("S01-01", 2))
        #expect(try await journal.entries(for: [key, other]) == [key: done])
    }

    /// A run that read the journal before a worker submitted the job starts it late: the
    /// provider's job id stays, so the job is polled, never paid for again.
    @Test(arguments: Backend.allCases)
    func aStartNeverReplacesAProvidersJobID(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, journal) = try await backend.open(dir)
        try await repo.saveStoryboard(Self.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: nil)
        let take = Self.take("S01-01", 1)
        let (key, node) = (Self.key(take), Self.node(take))
        let handle = ProviderHandle(provider: "sim", jobID: "job-7")
        try await journal.record(.running, for: key, node: node)
        try await journal.record(.submitted(handle), for: key, node: node)
        try await journal.record(.running, for: key, node: node)
        let entry = try #require(try await journal.entry(for: key))
        #expect(entry.state == .submitted(handle) && entry.attempts == 2)
        let done = JobState.succeeded(NodeOutput(asset: Self.asset, cost: Money(micros: 500), source: handle))
        try await journal.record(done, for: key, node: node)
        // A worker whose claim ran out hears back from the provider late: its job id does not
        // undo the take another worker finished.
        try await journal.record(.submitted(handle), for: key, node: node)
        #expect(try await journal.entry(for: key)?.state == done, "a late job id never replaces a finished take")
        try await journal.record(.running, for: key, node: node)
        #expect(try await journal.entry(for: key)?.state == .running, "a finished job may be run again (a forced re-render)")
    }

    @Test(arguments: Backend.allCases)
    func picksStickAndYieldCountsTheTakesOfPickedShots(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, _) = try await backend.open(dir)
        try await repo.saveStoryboard(Self.storyboard(["S01-01", "S01-02"]), fingerprints: [:], scriptDigest: nil)
        try await repo.addTakes([Self.take("S01-01", 1), Self.take("S01-01", 2), Self.take("S01-02", 1)])
        #expect(try await repo.stats().attemptsPerPickedShot == nil)
        try await repo.pick("S01-01#1", for: "S01-01")
        try await repo.pick("S01-01#2", for: "S01-01")
        #expect(try await repo.picks() == ["S01-01": "S01-01#2"])
        let stats = try await repo.stats()
        #expect(stats.takes == 3 && stats.pickedShots == 1 && stats.attemptsPerPickedShot == 2)
    }

    /// `reel stats` counts what happened, also when runs were killed before their summary.
    @Test(arguments: Backend.allCases)
    func killedRunsAndTheirJobsAreCounted(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, journal) = try await backend.open(dir)
        // Two runs killed half-way (no summary ever written), each finishing two jobs.
        for run in 0..<2 {
            _ = try await repo.startRun(command: "generate", startedAt: Date())
            for job in 0..<2 {
                let node = GraphNode(id: NodeID("video:S01-0\(run)#\(job)"), spec: JobSpec(kind: .video, provider: "sim", seed: UInt64(job)))
                let key = CacheKey(spec: node.spec, inputs: [Hashing.sha256("run \(run)")])
                try await journal.record(.running, for: key, node: node)
                try await journal.record(.succeeded(NodeOutput(asset: Self.asset, cost: Money(micros: 100, currency: "CNY"))),
                                         for: key, node: node)
            }
        }
        // Then a clean run that reuses everything.
        let last = try await repo.startRun(command: "render", startedAt: Date())
        try await repo.finishRun(last, summary: RunSummary(total: 4, cached: 4, ran: 0))

        let stats = try await repo.stats()
        #expect(stats.runs == 3)
        #expect(stats.unfinishedRuns == 2)
        #expect(stats.jobsRun == 4)
        #expect(stats.jobsByState == ["succeeded": 4])
        #expect(stats.cacheHits == 4)
        #expect(stats.spent == [Money(micros: 400, currency: "CNY")])
    }

    @Test(arguments: Backend.allCases)
    func aWithdrawnNoteKeepsItsTextAndWhoWithdrewItAndChangesTheToken(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (repo, _) = try await backend.open(dir)
        try await repo.saveStoryboard(Self.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: nil)
        let first = try await repo.addNote(ShotNote(id: 0, shot: "S01-01", text: "brighter", createdAt: Date(timeIntervalSince1970: 10)))
        let second = try await repo.addNote(ShotNote(id: 0, shot: "S01-01", text: "slower", createdAt: Date(timeIntervalSince1970: 11)))
        let before = try await repo.changeToken()
        let withdrawn = try #require(try await repo.withdrawNote(first.id, at: Date(timeIntervalSince1970: 20), by: "ana"))
        #expect(withdrawn.isWithdrawn && withdrawn.withdrawnBy == "ana" && withdrawn.text == "brighter")
        #expect(try await repo.changeToken() != before, "a withdrawal is a change the studios see")
        let again = try #require(try await repo.withdrawNote(first.id, at: Date(timeIntervalSince1970: 30), by: "ben"))
        #expect(again.withdrawnAt == Date(timeIntervalSince1970: 20) && again.withdrawnBy == "ana", "the first withdrawal stands")
        #expect(try await repo.withdrawNote(99, at: Date(), by: nil) == nil)
        let notes = try await repo.notes(of: "S01-01")
        #expect(notes.map(\.id) == [first.id, second.id], "a withdrawn note stays in the list")
        #expect(notes.map(\.isWithdrawn) == [true, false])
    }
}

