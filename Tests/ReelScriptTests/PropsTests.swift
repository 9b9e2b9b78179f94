import Foundation
import ReelModel
import Testing

@testable import ReelScript

/// The props a script keeps coming back to become subjects of the cast, in frame where the
/// action names them; the user's own people and props are put in frame by their names.
@Suite struct PropsTests {
    func plan(_ text: String) throws -> Storyboard {
        try ShotPlanner.plan(Fountain.parse(text), options: PlanOptions(fallbackTitle: "t"))
    }

    static let station = """
        INT. STATION - NIGHT

        The platform is empty. A clock ticks.

        MAYA drags a battered suitcase along the platform. Her phone buzzes.

        BEN
        (holding out a ticket)
        You forgot this.

        MAYA
        Keep it.

        MAYA sets the suitcase down and stares at him.

        EXT. STREET - DAY

        BEN rides his e-bike past the shops.

        """

    @Test func aPropNamedInTwoParagraphsIsInFrameWhereverTheActionNamesIt() throws {
        let board = try plan(Self.station)
        let props = board.subjects.filter { $0.kind == .prop }
        #expect(props.map(\.name) == ["suitcase"], "named once (phone, ticket, e-bike) is set dressing")
        #expect(props.map(\.id) == ["prop:suitcase"])
        let with = board.shots.filter { $0.subjects.contains("prop:suitcase") }
        #expect(with.map(\.action) == ["MAYA drags a battered suitcase along the platform. Her phone buzzes.",
                                       "MAYA sets the suitcase down and stares at him."])
        // After the people in frame; the framing still counts only people.
        #expect(with.map(\.subjects) == [["char:maya", "prop:suitcase"], ["char:maya", "prop:suitcase"]])
        #expect(with.first?.size == .medium, "one person in frame: a medium shot, as without the prop")
    }

    @Test func aSpeakersParentheticalAndAnOpeningParagraphCountToo() throws {
        let board = try plan("""
            INT. STATION - NIGHT

            A ticket lies on the bench.

            BEN
            (holding out a ticket)
            You forgot this.

            """)
        #expect(board.subjects.filter { $0.kind == .prop }.map(\.name) == ["ticket"])
        let opening = try #require(board.shots.first)
        #expect(opening.purpose == .establishing && opening.subjects == ["prop:ticket"])
        let line = try #require(board.shots.first { !$0.dialogue.isEmpty })
        #expect(line.subjects == ["char:ben", "prop:ticket"])
    }

    @Test func chinesePropsAreFoundByWordsThatCannotHideInOthers() throws {
        let board = try ShotPlanner.plan(ShortDrama.parse("""
            人物：林晓（女，24岁）、陈默（男，28岁）
            1-1 夜 内 出租屋
            △林晓握着一块玉佩，相信他会回来。
            △陈默推开门，看见桌上的玉佩。
            林晓：你终于来了。
            △林晓拿出一封信。
            """), options: PlanOptions(fallbackTitle: "t"))
        let props = board.subjects.filter { $0.kind == .prop }
        #expect(props.map(\.name) == ["玉佩"], "相信 and 一封信 are no 信封")
        #expect(board.shots.filter { $0.subjects.contains("prop:玉佩") }.count == 2)
    }

    @Test func aNameACharacterOrAPlaceHasStaysTheirs() throws {
        let board = try plan("""
            INT. CAR - NIGHT

            RING taps the car window. The car is cold.

            RING
            Drive.

            RING holds the ring up to the light.

            The car stops.

            """)
        #expect(board.subjects.filter { $0.kind == .prop }.isEmpty, "RING is a character, CAR a place")

        // Any word of the prop counts, and a place's name holds it: a taxi is the car.
        let park = try plan("""
            EXT. TAXI RANK - NIGHT

            PISTOL waits by the car. Her pistol is hidden.

            PISTOL
            Drive.

            The car pulls away. The pistol falls.

            """)
        #expect(park.subjects.filter { $0.kind == .prop }.isEmpty, "PISTOL is the character's, the taxi rank's car is the place's")
    }

    @Test func wordsThatAreUsuallyVerbsOrInsideOtherWordsAreNoProps() throws {
        let board = try ShotPlanner.plan(ShortDrama.parse("""
            人物：林晓（女，24岁）
            1-1 夜 内 会议室
            △林晓举手表决，她相信这笔钱包括了一切。
            △林晓再次举手表示同意，这笔钱包括利息。
            """), options: PlanOptions(fallbackTitle: "t"))
        #expect(board.subjects.filter { $0.kind == .prop }.map(\.name) == ["钱包"],
                "举手表决 holds no 手表 (钱包 in 这笔钱包括 is still read as a wallet: rare enough to keep the word)")
        let english = try plan("""
            INT. GARAGE - NIGHT

            MAYA guns the engine and masks her fear.

            MAYA
            Go.

            MAYA guns it again. She masks a smile.

            """)
        #expect(english.subjects.filter { $0.kind == .prop }.isEmpty)
    }

    @Test func theUsersPeopleAndPropsArePlacedByTheirNames() throws {
        var board = try plan(Self.station)
        board.subjects += [Subject(id: "char:lin-xiao", kind: .character, name: "Lin Xiao"),
                           Subject(id: "prop:clock", kind: .prop, name: "clock"),
                           Subject(id: "loc:platform", kind: .location, name: "platform")]
        let placed = board.placingByName(["char:lin-xiao", "prop:clock", "loc:platform"])
        #expect(placed.shots.first?.subjects == ["prop:clock"], "the opening paragraph names the clock")
        #expect(placed.shots.allSatisfy { !$0.subjects.contains("loc:platform") }, "a place comes with its scene")

        // A character by any word of a Latin name, after the people and before the props.
        var named = board
        named.shots[1].action = "Lin drags a battered suitcase along the platform."
        named.shots[1].subjects = ["char:maya", "prop:suitcase"]
        #expect(named.placingByName(["char:lin-xiao"]).shots[1].subjects == ["char:maya", "char:lin-xiao", "prop:suitcase"])

        // An empty shot takes the prop, not the person; a heading alone names no one.
        named.shots[1].empty = true
        named.shots[1].action = "Lin's clock."
        #expect(named.placingByName(["char:lin-xiao", "prop:clock"]).shots[1].subjects == ["char:maya", "prop:suitcase", "prop:clock"])
        var heading = board
        heading.shots[0].action = "INT. STATION - NIGHT"
        heading.scenes[0].heading = "INT. STATION - NIGHT"
        heading.subjects.append(Subject(id: "prop:station", kind: .prop, name: "station"))
        #expect(heading.placingByName(["prop:station"]).shots[0].subjects.isEmpty)
    }

    @Test func subjectIdsTellTheirKind() {
        #expect(Subject.makeID(kind: .prop, name: "外卖箱").kind == .prop)
        #expect(Subject.makeID(kind: .character, name: "Lin Xiao").kind == .character)
        #expect(Subject.makeID(kind: .location, name: "THE DINER").kind == .location)
        #expect(SubjectID("sample").kind == nil && SubjectID("car:x").kind == nil)
    }
}
