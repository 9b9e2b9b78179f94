import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// The checker against the labelled set: recall per defect and false flags, as counts.
/// The clips are made once per run (in parallel, in a temporary directory that is removed
/// once every clip is checked) and shared by the tests below.
@Suite struct ClipCheckLabelledSetTests {
    struct Outcome: Sendable {
        var clip: LabelledClip
        var problems: [ClipProblem]
        var signature: VideoSignature?
    }

    /// Makes and checks every clip of the set, once per run.
    actor Run {
        static let shared = Run()
        private var task: Task<[Outcome], any Error>?

        func outcomes() async throws -> [Outcome] {
            if let task { return try await task.value }
            let task = Task { try await Run.makeAndCheck(LabelledSet.all) }
            self.task = task
            return try await task.value
        }

        static func makeAndCheck(_ clips: [LabelledClip]) async throws -> [Outcome] {
            let toolchain = Toolchain.discover()
            let ffmpeg = try toolchain.requireFFmpeg()
            let inspector = ClipInspector(toolchain: toolchain)
            let dir = TemporaryDirectory("reel-clip-set")
            defer { dir.remove() }
            let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
            return try await withThrowingTaskGroup(of: Outcome.self) { group in
                var outcomes: [Outcome] = []
                for (n, clip) in clips.enumerated() {
                    if n >= width, let done = try await group.next() { outcomes.append(done) }
                    group.addTask {
                        let url = dir.file("\(clip.name).mp4")
                        let made = try await LocalProcessRunner().run(ffmpeg, clip.arguments(url))
                        guard made.status == 0 else {
                            throw ReelError(.mediaFailed, "cannot make \(clip.name): \(made.stderrTail(3))")
                        }
                        let verdict = try await inspector.check(url, expected: clip.expected)
                        return Outcome(clip: clip, problems: verdict.problems, signature: verdict.signature)
                    }
                }
                for try await done in group { outcomes.append(done) }
                return outcomes.sorted { $0.clip.name < $1.clip.name }
            }
        }
    }

    /// True when `problems` has one of `kind` at the labelled time (within 0.1 s).
    static func found(_ kind: ClipProblem.Kind, _ range: ClosedRange<Double>?, in problems: [ClipProblem]) -> Bool {
        problems.contains { p in
            guard p.kind == kind else { return false }
            guard let range else { return true }
            return p.range.start.seconds <= range.upperBound + 0.1 && p.range.end.seconds >= range.lowerBound - 0.1
        }
    }

    static func describe(_ o: Outcome) -> String {
        "\(o.clip.name): " + (o.problems.isEmpty ? "passes" : o.problems.map {
            String(format: "%@ %.2f–%.2f %@", $0.kind.rawValue, $0.range.start.seconds, $0.range.end.seconds, $0.summary)
        }.joined(separator: "; "))
    }

    @Test func theSetHasEveryDefectInBothOrientations() {
        let all = LabelledSet.all
        #expect(all.count >= 60)
        #expect(Set(all.map(\.name)).count == all.count, "names are unique")
        #expect(LabelledSet.goodClips.filter { $0.width * $0.height >= 720 * 1280 }.count >= 8, "good clips at the models' sizes")
        // An unreadable file is a take's verdict, not a picture's defect (`reel check` refuses
        // it); a duplicate is found between takes (below).
        for kind in ClipProblem.Kind.allCases where ![.unreadable, .duplicate].contains(kind) {
            let labelled = all.filter { $0.labels.contains { $0.0 == kind } }
            #expect(labelled.count >= 4, "\(kind)")
            #expect(labelled.contains(where: \.isVertical) && labelled.contains { !$0.isVertical }, "\(kind) in both orientations")
        }
    }

    @Test func recallPerDefectIsAtLeast95Percent() async throws {
        let outcomes = try await Run.shared.outcomes()
        for kind in ClipProblem.Kind.allCases where ![.unreadable, .duplicate].contains(kind) {
            let labelled = outcomes.filter { $0.clip.labels.contains { $0.0 == kind } }
            let missed = labelled.filter { o in
                o.clip.labels.contains { $0.0 == kind && !Self.found(kind, $0.1, in: o.problems) }
            }
            let found = labelled.count - missed.count
            #expect(found * 100 >= labelled.count * 95,
                    "\(kind): found in \(found) of \(labelled.count) clips; missed \(missed.map(Self.describe))")
        }
    }

    @Test func goodClipsAreFlaggedAtMost2Percent() async throws {
        let outcomes = try await Run.shared.outcomes()
        let good = outcomes.filter { $0.clip.labels.isEmpty }
        let flagged = good.filter { !$0.problems.isEmpty }
        #expect(good.count == LabelledSet.goodClips.count)
        #expect(flagged.count * 100 <= good.count * 2,
                "\(flagged.count) of \(good.count) good clips flagged: \(flagged.map(Self.describe))")
    }

    @Test func defectClipsShowNoOtherProblem() async throws {
        let outcomes = try await Run.shared.outcomes()
        let defective = outcomes.filter { !$0.clip.labels.isEmpty }
        let extra = defective.filter { o in o.problems.contains { p in !o.clip.labels.contains { $0.0 == p.kind } } }
        #expect(extra.count * 100 <= defective.count * 2,
                "\(extra.count) of \(defective.count) defect clips have problems they were not made with: \(extra.map(Self.describe))")
    }

    /// Takes of one shot are alike in shape and length: every pair of good or remade clips
    /// of one orientation and length is compared. A clip made again another way must be
    /// found to repeat its original; clips of different pictures (two draws of one kind of
    /// picture among them) must not.
    @Test func remadeClipsRepeatTheirOriginalsAndNoOthersDo() async throws {
        let outcomes = try await Run.shared.outcomes().filter { $0.clip.labels.isEmpty || $0.clip.repeats != nil }
        #expect(LabelledSet.repeatClips.count >= 7)
        #expect(outcomes.allSatisfy { $0.signature != nil }, "every clip signed in the check's pass")
        var found = 0, missed: [String] = [], pairs = 0, flagged: [String] = []
        for (i, a) in outcomes.enumerated() {
            for b in outcomes[(i + 1)...] where a.clip.isVertical == b.clip.isVertical && a.clip.seconds == b.clip.seconds {
                guard let sa = a.signature, let sb = b.signature else { continue }
                let alike = sa.difference(to: sb).map { String(format: "differ by %.2f", $0) } ?? "not comparable"
                let pair = "\(a.clip.name) ~ \(b.clip.name) (\(alike))"
                if a.clip.repeats == b.clip.name || b.clip.repeats == a.clip.name {
                    if sa.repeats(sb) && sb.repeats(sa) { found += 1 } else { missed.append(pair) }
                } else {
                    pairs += 1
                    if sa.repeats(sb) { flagged.append(pair) }
                }
            }
        }
        #expect(found + missed.count == LabelledSet.repeatClips.count, "every remade clip has its original to compare with")
        #expect(found * 100 >= (found + missed.count) * 95, "found \(found) repeats; missed \(missed)")
        #expect(pairs >= 60 && flagged.count * 100 <= pairs * 2, "\(flagged.count) of \(pairs) different pairs flagged: \(flagged)")
    }
}
