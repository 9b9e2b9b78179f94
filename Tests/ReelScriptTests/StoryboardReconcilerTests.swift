import Foundation
import ReelModel
import Testing

@testable import ReelScript

@Suite struct StoryboardReconcilerTests {
    func plan(_ text: String) throws -> Storyboard { try ShotPlanner.plan(Fountain.parse(text)) }

    static let base = """
        INT. KITCHEN - NIGHT

        A kettle hisses.

        MAYA
        You came back.

        BEN
        I never left.

        MAYA
        Then sit down.

        EXT. ROOF - DAWN

        Wind over the city.

        """

    func reconcile(_ old: String, _ new: String) throws -> (old: Storyboard, new: Storyboard) {
        let before = try plan(old)
        return (before, StoryboardReconciler.reconcile(previous: before, next: try plan(new)))
    }

    @Test func nothingChangedKeepsEverything() throws {
        let (old, new) = try reconcile(Self.base, Self.base)
        #expect(new.shots.map(\.id) == old.shots.map(\.id))
    }

    @Test func aSceneWithItsHeadingEditedKeepsItsShots() throws {
        let (old, new) = try reconcile(Self.base, Self.base.replacingOccurrences(of: "INT. KITCHEN - NIGHT", with: "INT. KITCHEN - DAWN"))
        #expect(new.shots.map(\.id) == old.shots.map(\.id))
        #expect(new.scenes.first?.heading.contains("DAWN") == true)
        // A later scene already at the new hour does not take this one's place.
        let dawn = Self.base + "INT. KITCHEN - DAWN\n\nThe kettle is cold.\n\n"
        let (before, after) = try reconcile(dawn, dawn.replacingOccurrences(of: "INT. KITCHEN - NIGHT", with: "INT. KITCHEN - DAWN"))
        #expect(after.shots.map(\.id) == before.shots.map(\.id))
        // Another place with other shots is a new scene, not this one edited.
        let garage = "INT. GARAGE - NIGHT\n\nAn engine idles.\n\nBEN\nGet in.\n\n"
        let replaced = garage + Self.base[Self.base.range(of: "EXT. ROOF")!.lowerBound...]
        let (_, other) = try reconcile(Self.base, replaced)
        #expect(!old.shots.map(\.id).contains(other.shots[0].id) && !old.shots.map(\.id).contains(other.shots[1].id))
    }

    @Test func anInsertedShotGetsAnInsertIdAndMovesNothingElse() throws {
        let edited = Self.base.replacingOccurrences(of: "BEN\nI never left.\n", with: "BEN\nI never left.\n\nMAYA\nNever?\n")
        let (old, new) = try reconcile(Self.base, edited)
        #expect(new.shots.count == old.shots.count + 1)
        #expect(new.shots.map(\.id.rawValue) == ["S01-01", "S01-02", "S01-03", "S01-03A", "S01-04", "S02-01"])
        #expect(new.shots.first { $0.id == "S01-04" }?.dialogue.first?.text == "Then sit down.")
    }

    @Test func anEditedShotKeepsItsId() throws {
        let edited = Self.base.replacingOccurrences(of: "I never left.", with: "I was always here.")
        let (old, new) = try reconcile(Self.base, edited)
        #expect(new.shots.map(\.id) == old.shots.map(\.id))
        #expect(new.shot("S01-03")?.dialogue.first?.text == "I was always here.")
    }

    @Test func aDeletedShotsIdIsNeverGivenToAnother() throws {
        let deleted = Self.base.replacingOccurrences(of: "BEN\nI never left.\n\n", with: "")
        let (old, new) = try reconcile(Self.base, deleted)
        #expect(!new.shots.map(\.id).contains("S01-03"))
        let readded = StoryboardReconciler.reconcile(previous: new, next: try plan(Self.base.replacingOccurrences(of: "I never left.", with: "Something else.")),
                                                     used: Set(old.shots.map(\.id)))
        #expect(readded.shots.filter { $0.id == "S01-03" }.isEmpty)
        #expect(Set(readded.shots.map(\.id)).count == readded.shots.count)
    }

    @Test func aNewSceneBeforeOthersGetsAnInsertSceneNumber() throws {
        let inserted = Self.base.replacingOccurrences(of: "EXT. ROOF - DAWN", with: "INT. HALL - NIGHT\n\nFootsteps.\n\nEXT. ROOF - DAWN")
        let (_, new) = try reconcile(Self.base, inserted)
        #expect(new.scenes.map(\.id.rawValue) == ["1", "1A", "2"])
        #expect(new.shots.map(\.id.rawValue).contains("S01A-01"))
        #expect(new.shot("S02-01")?.action == "Wind over the city.")
    }

    /// The user's edits live apart (ShotEdit) and are applied after reconciling, so one
    /// removed is gone: the reconciler carries ids, nothing from the old shots' fields.
    @Test func theNewPlanKeepsIdsNotTheOldShotsFields() throws {
        var old = try plan(Self.base)
        old.shots[1].prompt = "a tight close-up, rain on the window"
        old.shots[1].size = .extremeCloseUp
        let new = StoryboardReconciler.reconcile(previous: old, next: try plan(Self.base))
        #expect(new.shots[1].id == old.shots[1].id)
        #expect(new.shots[1].prompt == nil && new.shots[1].size != .extremeCloseUp)
    }
}
