import Foundation
import ReelModel
import Testing

@testable import ReelScript

/// "her hands", "her own coat": the possessive that says a character is a woman, read by
/// a word scan that is safe to run from many planners at once.
@Suite struct CastGenderTests {
    @Test(arguments: [
        ("She wipes her hands.", true), ("HER OWN COAT is wet.", true), ("her left arm hurts", true),
        ("Maya grabs her suitcase, runs.", true), ("He hands her the letters", false), ("her", false),
        ("Ben calls her.", false), ("the hers hands", false), ("her own", false),
    ])
    func possessives(_ sentence: String, _ expected: Bool) {
        #expect(Cast.mentionsHerOwn(sentence) == expected, "\(sentence)")
    }

    /// Planned from many tasks at once, as the test suite and a server do: every plan the same.
    @Test func plansMadeAtOnceAgree() async throws {
        let script = "INT. ROOM - DAY\n\nMAYA wipes her hands. BEN waits.\n\nMAYA\nReady?\n\nBEN\nAlways.\n"
        let expected = try ShotPlanner.plan(Fountain.parse(script))
        try await withThrowingTaskGroup(of: Storyboard.self) { group in
            for _ in 0..<64 { group.addTask { try ShotPlanner.plan(Fountain.parse(script)) } }
            for try await board in group { #expect(board == expected) }
        }
        #expect(expected.subject("char:maya")?.voice?.gender == .female)
    }
}
