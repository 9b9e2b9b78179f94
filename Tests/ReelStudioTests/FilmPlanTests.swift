import Foundation
import ReelEngine
import ReelModel
import Testing

@testable import ReelStudio

/// The cut's decisions as values: which take each shot uses, which takes are made or
/// resumed first, and what the user is told.
@Suite struct FilmPlanTests {
    static let shot = Shot(id: "S01-01", scene: "1", purpose: .action, duration: .seconds(2), size: .wide)
    static let output = NodeOutput(asset: Asset(digest: Hashing.sha256("stored"), mediaType: "video/mp4", byteCount: 4))
    static let lost = NodeOutput(asset: Asset(digest: Hashing.sha256("lost"), mediaType: "video/mp4", byteCount: 4))

    static func take(_ number: Int, _ state: TakeState, fingerprint: String = "now", provider: ProviderID = "kling") -> Take {
        Take(shot: shot.id, number: number, provider: provider, model: "m", seed: 1, fingerprint: fingerprint,
             node: NodeID("video:S01-01#\(number)"), createdAt: Date(timeIntervalSince1970: 0), state: state)
    }

    static func context(provider: ProviderID = "kling", fallback: Bool = false, canRemake: Bool = false) -> FilmPlan.Context {
        FilmPlan.Context(
            isStored: { $0 != lost.asset }, canRemake: { _, _ in canRemake },
            route: { _ in TakePlan(provider: fallback ? "animatic" : "kling", model: "m",
                                   reasons: [fallback ? "no configured model makes a 2 s shot" : "kling makes it"], fallback: fallback) },
            newTake: { shot, number, plan in take(number, .requested, provider: plan.provider) },
            provider: provider, animatic: "animatic")
    }

    static func plan(_ takes: [Take], pick: TakeID? = nil, _ purpose: FilmPlan.Purpose,
                     context: FilmPlan.Context = context()) -> FilmPlan {
        FilmPlan.cut([shot], fingerprints: [shot.id: "now"], takes: [shot.id: takes], picks: pick.map { [shot.id: $0] } ?? [:],
                     purpose: purpose, context: context)
    }

    @Test(arguments: [FilmPlan.Purpose.render, .make, .export])
    func aGoodTakeOfTheShotAsItIsIsUsedAsStored(purpose: FilmPlan.Purpose) {
        let plan = Self.plan([Self.take(1, .succeeded(Self.output)), Self.take(2, .failed(JobFailure(.transient, "503")))], purpose)
        guard case .stored(let take, _)? = plan.sources[Self.shot.id] else {
            Issue.record("expected the stored take, got \(String(describing: plan.sources[Self.shot.id]))")
            return
        }
        #expect(take.number == 1 && plan.named[Self.shot.id] == "S01-01#1")
        #expect(plan.newTakes.isEmpty && plan.warnings.isEmpty)
    }

    @Test func renderUsesATakeOfAnEarlierVersionAndSaysSo_makeReplacesIt() {
        let old = [Self.take(1, .succeeded(Self.output), fingerprint: "before")]
        let render = Self.plan(old, .render)
        #expect(render.named[Self.shot.id] == "S01-01#1")
        #expect(render.warnings == ["S01-01: using S01-01#1, made from an earlier version of the shot"])
        let make = Self.plan(old, .make)
        #expect(make.newTakes.map(\.number) == [2], "a new take of the current version, numbered after the old one")
        #expect(make.named[Self.shot.id] == "S01-01#2")
    }

    @Test func aPickWinsEvenFromAnEarlierVersion() {
        let takes = [Self.take(1, .succeeded(Self.output), fingerprint: "before"), Self.take(2, .succeeded(Self.output))]
        let plan = Self.plan(takes, pick: "S01-01#1", .make)
        #expect(plan.named[Self.shot.id] == "S01-01#1" && plan.newTakes.isEmpty)
        #expect(plan.warnings == ["S01-01: the picked take S01-01#1 was made from an earlier version of the shot"])
    }

    @Test func withoutATakeRenderStandsInWithTheAnimaticAndExportLeavesAMarker() {
        let render = Self.plan([], .render)
        #expect(render.sources.isEmpty && render.named[Self.shot.id] == "animatic")
        #expect(render.warnings == ["S01-01: no take yet, the animatic stands in (run `reel generate --shots S01-01`)"])
        #expect(Self.plan([], .render, context: Self.context(provider: "animatic")).warnings.isEmpty,
                "on the animatic itself there is nothing to warn about")
        let export = Self.plan([], .export)
        #expect(export.sources.isEmpty && export.warnings == ["S01-01: no take yet; the export has a marker there"])
    }

    @Test func manyShotsWithoutATakeAreSaidInOneWarning() {
        let shots = (1...9).map { Shot(id: ShotID("S01-0\($0)"), scene: "1", purpose: .action, duration: .seconds(2), size: .wide) }
        let render = FilmPlan.cut(shots, fingerprints: [:], takes: [:], picks: [:], purpose: .render, context: Self.context())
        #expect(render.warnings == ["S01-01, S01-02, S01-03, S01-04 and 5 more: no take yet, the animatic stands in "
                                    + "(run `reel generate`: it makes one for each shot that has none)"])
        let export = FilmPlan.cut(Array(shots.prefix(3)), fingerprints: [:], takes: [:], picks: [:], purpose: .export, context: Self.context())
        #expect(export.warnings == ["S01-01, S01-02, S01-03: no take yet; the export has a marker there"])
    }

    /// `make`'s first step and the film's own step alike: a check that could not run is said
    /// and taken out of the failures (its take is cut in unchecked); the take's own failure stays.
    @Test func aCheckThatCouldNotRunIsSetAsideAndSaid() {
        let graph = JobGraph([GraphNode(id: "video:S01-01#1", spec: JobSpec(kind: .video, provider: "kling")),
                              GraphNode(id: "check:S01-01#1", spec: JobSpec(kind: .check, provider: "reel"), inputs: ["video:S01-01#1"]),
                              GraphNode(id: "video:S01-02#1", spec: JobSpec(kind: .video, provider: "kling"))])
        var summary = RunSummary(failures: ["check:S01-01#1": JobFailure(.failed, "ffmpeg could not read the file"),
                                            "video:S01-02#1": JobFailure(.moderation, "refused by the provider")])
        let notes = Studio.setAsideChecks(&summary, graph: graph)
        #expect(notes == ["the check of S01-01#1 could not run (ffmpeg could not read the file); run the command again to check it"])
        #expect(Array(summary.failures.keys) == ["video:S01-02#1"])
    }

    @Test func aTakeThatFailedItsCheckIsNotCutInNorPaidForAgainByMake() {
        var failed = Self.take(2, .succeeded(Self.output))
        failed.verdict = TakeVerdict(problems: [ClipProblem(kind: .black, range: .between(0, 2), measure: 16, unit: .luma,
                                                            summary: "the picture is black")])
        let said = "S01-01: S01-01#2 failed its quality check (black 0.00–2.00 s)"
        for purpose in [FilmPlan.Purpose.render, .make] {
            let alone = Self.plan([failed], purpose)
            #expect(alone.sources.isEmpty && alone.named[Self.shot.id] == "animatic" && alone.newTakes.isEmpty, "\(purpose)")
            #expect(alone.warnings == [said + "; the animatic stands in — pick it anyway (`reel pick S01-01 2`) or make another "
                                       + "(`reel generate --shots S01-01 --takes 2`)"], "\(purpose)")
            // A take of an earlier version stands in, rather than a new attempt.
            let older = Self.plan([Self.take(1, .succeeded(Self.output), fingerprint: "before"), failed], purpose)
            #expect(older.named[Self.shot.id] == "S01-01#1" && older.newTakes.isEmpty, "\(purpose)")
            #expect(older.warnings.first?.hasPrefix(said + "; an earlier version's take stands in") == true, "\(older.warnings)")
            // Picked, it is cut in (with the pick's own warning).
            let picked = Self.plan([failed], pick: "S01-01#2", purpose)
            #expect(picked.named[Self.shot.id] == "S01-01#2", "\(purpose)")
        }
    }

    @Test func makeResumesAnUnfinishedTakeInsteadOfPayingForANewOne() {
        for state: TakeState in [.requested, .pending, .submitted, .running, .cancelled, .failed(JobFailure(.rateLimited, "429"))] {
            let plan = Self.plan([Self.take(1, .succeeded(Self.output), fingerprint: "before"), Self.take(2, state)], .make)
            #expect(plan.newTakes.isEmpty, "\(state.name)")
            #expect(plan.named[Self.shot.id] == "S01-01#2", "\(state.name)")
        }
        let refused = Self.plan([Self.take(1, .failed(JobFailure(.moderation, "refused")))], .make)
        #expect(refused.newTakes.map(\.number) == [2], "a take refused for good is not asked again")
        let elsewhere = Self.plan([Self.take(1, .running, provider: "vidu")], .make)
        #expect(elsewhere.newTakes.map(\.number) == [2], "a take on another provider is not this route's")
    }

    @Test func aLostFileIsMadeAgainByItsOwnJobWhenThatCostsNothingElseTheAnimaticStandsIn() {
        let takes = [Self.take(1, .succeeded(Self.lost))]
        let remade = Self.plan(takes, .render, context: Self.context(canRemake: true))
        guard case .take(let take)? = remade.sources[Self.shot.id] else {
            Issue.record("expected the take's own job, got \(String(describing: remade.sources[Self.shot.id]))")
            return
        }
        #expect(take.number == 1 && remade.newTakes.isEmpty && remade.warnings.isEmpty)
        let render = Self.plan(takes, .render)
        #expect(render.sources.isEmpty && render.named[Self.shot.id] == "animatic")
        #expect(render.warnings == ["S01-01: the file of S01-01#1 is missing from the media store; the animatic stands in"])
        let make = Self.plan(takes, .make)
        #expect(make.newTakes.map(\.number) == [2], "make pays for a new take only when the lost one cannot be fetched again")
    }

    @Test func aFallbackToTheAnimaticIsExplainedUnlessTheRouterWasAskedToChoose() {
        let named = Self.plan([], .make, context: Self.context(provider: "kling", fallback: true))
        #expect(named.warnings == ["S01-01: no configured model makes a 2 s shot"])
        #expect(named.newTakes.first?.provider == "animatic")
        #expect(Self.plan([], .make, context: Self.context(provider: "auto", fallback: true)).warnings.isEmpty)
    }

    @Test func aTakeWhoseLikenessIsWithdrawnIsLeftOutOfEveryCut() {
        var context = Self.context()
        context.withdrawn = { $0.number == 2 ? "MAYA's consent was revoked on 2026-12-05" : nil }
        let takes = [Self.take(1, .succeeded(Self.output)), Self.take(2, .succeeded(Self.output))]
        for purpose in [FilmPlan.Purpose.render, .export] {
            let plan = Self.plan(takes, pick: "S01-01#2", purpose, context: context)
            #expect(plan.named[Self.shot.id] == "S01-01#1", "the newest take still shown stands in for the pick")
            #expect(plan.warnings.first == "S01-01: S01-01#2 is left out: MAYA's consent was revoked on 2026-12-05")
        }
        context.withdrawn = { _ in "MAYA's consent expired on 2026-12-01" }
        let none = Self.plan(takes, .render, context: context)
        #expect(none.sources.isEmpty && none.named[Self.shot.id] == "animatic")
        let make = Self.plan(takes, .make, context: context)
        #expect(make.newTakes.map(\.number) == [3], "make asks for a new take (which the consent gate then refuses)")
    }

    @Test func generateAddsUpToTheWantedCountAndResumesWhatMayMend() {
        let current = [Self.take(1, .succeeded(Self.output)), Self.take(2, .failed(JobFailure(.moderation, "no"))),
                       Self.take(3, .submitted), Self.take(4, .failed(JobFailure(.timedOut, "slow")))]
        #expect(FilmPlan.resumable(current).map(\.number) == [3, 4])
        #expect(FilmPlan.missing(current, want: 6) == 2)
        #expect(FilmPlan.missing(current, want: 2) == 0, "takes are added, never replaced")
        #expect(FilmPlan.nextNumber(current) == 5 && FilmPlan.nextNumber([]) == 1)
        // One whose answer was lost (maybe paid, not resent) is not resumed and does not count:
        // asking again makes a new one.
        let lost = current + [Self.take(5, .failed(JobFailure(.failed, "lost", providerCode: JobFailure.answerLost)))]
        #expect(FilmPlan.resumable(lost).map(\.number) == [3, 4])
        #expect(FilmPlan.missing(lost, want: 6) == 2)
        // A task adapter's create that timed out is resumed (found again by its key), so it counts.
        let retried = current + [Self.take(5, .failed(JobFailure(.timedOut, "slow", providerCode: JobFailure.answerLost)))]
        #expect(FilmPlan.resumable(retried).map(\.number) == [3, 4, 5] && FilmPlan.missing(retried, want: 6) == 1)
    }

    /// A note withdrawn after takes were made with it: those takes count for nothing, and one
    /// not yet on the provider is not sent again with the withdrawn note in its prompt; one
    /// already submitted is polled (it is paid for).
    @Test func takesCarryingAWithdrawnNoteNeitherCountNorGoOutAgain() {
        func carrying(_ take: Take, _ notes: [Int64]) -> Take { var t = take; t.notes = notes; return t }
        let retryable = JobFailure(.transient, "HTTP 503")
        let takes = [
            carrying(Self.take(1, .succeeded(Self.output)), [1, 2]),
            carrying(Self.take(2, .failed(retryable)), [1, 2]),
            carrying(Self.take(3, .submitted), [1, 2]),
            carrying(Self.take(4, .failed(retryable)), [2]),
        ]
        let before = FilmPlan.ask(takes, fingerprint: "now", provider: "kling", want: 2, notes: [1, 2])
        #expect(before.resumed.map(\.number) == [2, 3, 4] && before.numbers.isEmpty, "while note 1 stands, take 1 answers it")
        let after = FilmPlan.ask(takes, fingerprint: "now", provider: "kling", want: 2, notes: [2], withdrawn: [1])
        #expect(after.resumed.map(\.number) == [3, 4], "take 2 would go out with note 1; take 3 is already on the provider")
        #expect(after.numbers == [5], "only take 4 answers note 2 without note 1: one more is made")
    }
}

