import Foundation
import ReelLabelledSet
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// The checker against the labelled set (ReelLabelledSet): recall per defect and false
/// flags, as counts — the same score `make bench` reports. The clips are made once per run
/// (in a temporary directory removed once every clip is checked) and shared by the tests below.
@Suite struct ClipCheckLabelledSetTests {
    /// Makes and checks every clip of the set, once per run.
    actor Run {
        static let shared = Run()
        private var task: Task<[LabelledOutcome], any Error>?

        func outcomes() async throws -> [LabelledOutcome] {
            if let task { return try await task.value }
            let task = Task {
                let dir = TemporaryDirectory("reel-clip-set")
                defer { dir.remove() }
                return try await LabelledSet.makeAndCheck(LabelledSet.all, in: dir.url)
            }
            self.task = task
            return try await task.value
        }

        func score() async throws -> LabelledScore { LabelledScore(try await outcomes()) }
    }

    @Test func theSetHasEveryDefectInBothOrientations() {
        let all = LabelledSet.all
        #expect(all.count >= 60)
        #expect(Set(all.map(\.name)).count == all.count, "names are unique")
        #expect(LabelledSet.goodClips.filter { $0.width * $0.height >= 720 * 1280 }.count >= 8, "good clips at the models' sizes")
        for kind in LabelledSet.pictureDefects {
            let labelled = all.filter { $0.labels.contains { $0.0 == kind } }
            #expect(labelled.count >= 4, "\(kind)")
            #expect(labelled.contains(where: \.isVertical) && labelled.contains { !$0.isVertical }, "\(kind) in both orientations")
        }
    }

    @Test func recallPerDefectIsAtLeast95Percent() async throws {
        let score = try await Run.shared.score()
        #expect(score.recall.count == LabelledSet.pictureDefects.count)
        for defect in score.recall {
            #expect(defect.labelled >= 4 && defect.met,
                    "\(defect.kind): found in \(defect.found) of \(defect.labelled) clips; missed \(defect.missed)")
        }
    }

    @Test func goodClipsAreFlaggedAtMost2Percent() async throws {
        let score = try await Run.shared.score()
        #expect(score.good == LabelledSet.goodClips.count)
        #expect(score.flagged.count * 100 <= score.good * 2, "\(score.flagged.count) of \(score.good) good clips flagged: \(score.flagged)")
    }

    @Test func defectClipsShowNoOtherProblem() async throws {
        let score = try await Run.shared.score()
        #expect(score.defective == LabelledSet.all.count - LabelledSet.goodClips.count)
        #expect(score.extra.count * 100 <= score.defective * 2,
                "\(score.extra.count) of \(score.defective) defect clips have problems they were not made with: \(score.extra)")
    }

    /// Takes of one shot are alike in shape and length: every pair of good or remade clips
    /// of one orientation and length is compared. A clip made again another way must be
    /// found to repeat its original; clips of different pictures (two draws of one kind of
    /// picture among them) must not.
    @Test func remadeClipsRepeatTheirOriginalsAndNoOthersDo() async throws {
        let outcomes = try await Run.shared.outcomes().filter { $0.clip.labels.isEmpty || $0.clip.repeats != nil }
        #expect(LabelledSet.repeatClips.count >= 7)
        #expect(outcomes.allSatisfy { $0.signature != nil }, "every clip signed in the check's pass")
        let score = LabelledScore(outcomes)
        #expect(score.repeats == LabelledSet.repeatClips.count, "every remade clip has its original to compare with")
        #expect(score.repeatsFound * 100 >= score.repeats * 95, "found \(score.repeatsFound) repeats; missed \(score.repeatsMissed)")
        #expect(score.differentPairs >= 60 && score.pairsFlagged.count * 100 <= score.differentPairs * 2,
                "\(score.pairsFlagged.count) of \(score.differentPairs) different pairs flagged: \(score.pairsFlagged)")
    }
}
