import Foundation
import ReelModel
import Testing

@testable import ReelScript

@Suite struct ShotPlannerTests {
    func plan(_ text: String, format: VideoFormat = .default) throws -> Storyboard {
        try ShotPlanner.plan(Fountain.parse(text), options: PlanOptions(format: format, fallbackTitle: "t"))
    }

    static let diner = """
        Title: Test

        INT. DINER - NIGHT

        Rain streaks the window. The diner is empty.

        MAYA walks in and sits at the counter. She shakes off her coat.

        BEN
        We're closed.

        MAYA
        Not for me.

        BEN
        Especially for you.

        MAYA
        (shouting)
        You owe me!

        BEN
        I know.

        MAYA
        Then pay.

        """

    @Test func aSceneOnANewPlaceOpensOnItsFirstEmptyParagraph() throws {
        let board = try plan(Self.diner)
        let first = try #require(board.shots.first)
        #expect(first.purpose == .establishing)
        #expect(first.subjects.isEmpty)
        #expect(first.action == "Rain streaks the window. The diner is empty.")
        #expect(first.size == .wide)
    }

    @Test func aSceneWithoutAnEmptyOpeningGetsAnEstablishingShotOfThePlace() throws {
        let board = try plan("EXT. ROOFTOP - DAWN\n\nMAYA looks at the city.\n\nMAYA\nHome.\n")
        #expect(board.shots.map(\.purpose) == [.establishing, .action, .dialogue])
        #expect(board.shots[0].size == .extremeWide)
        #expect(board.shots[0].move == .panLeft || board.shots[0].move == .panRight)
    }

    @Test func theSamePlaceAgainNeedsNoNewEstablishingShot() throws {
        let board = try plan("INT. DINER - NIGHT\n\nMAYA sits.\n\nINT. DINER - NIGHT\n\nMAYA stands.\n")
        #expect(board.shots.filter { $0.purpose == .establishing }.count == 1)
    }

    @Test func anExchangeOpensOnATwoShotThenAlternatesOverTheShoulderAndTightens() throws {
        let board = try plan(Self.diner)
        let talk = board.shots.filter { $0.purpose == .dialogue }
        #expect(talk.count == 6)
        #expect(talk[0].size == .medium && Set(talk[0].subjects) == ["char:ben", "char:maya"])
        #expect(talk[1].angle == .overShoulder && talk[1].size == .mediumCloseUp && talk[1].subjects.first == "char:maya")
        #expect(talk[2].subjects.first == "char:ben")
        // "(shouting) You owe me!" goes close, on her alone.
        #expect(talk[3].size == .closeUp && talk[3].subjects == ["char:maya"])
        // After four lines the singles tighten.
        #expect(talk[4].size == .closeUp)
    }

    @Test func actionIsFramedByWhoIsInItAndMovedByWhatHappens() throws {
        let board = try plan(Self.diner)
        let walk = try #require(board.shots.first { $0.action.hasPrefix("MAYA walks in") })
        #expect(walk.subjects == ["char:maya"])
        #expect(walk.size == .full)
        #expect(walk.move == .panLeft || walk.move == .panRight)
        let moves = try plan("""
            INT. HALL - DAY

            Nothing here.

            ANNA looks up at the towering statue.

            ANNA realizes the door is locked.

            ANNA walks away, alone.

            A phone buzzes on the table.

            ANNA
            Hello?

            """).shots
        #expect(moves[1].move == .tiltUp)
        #expect(moves[2].move == .pushIn)
        #expect(moves[3].move == .pullOut)
        #expect(moves[4].purpose == .insert && moves[4].size == .closeUp)
    }

    @Test func aVoiceOverPlaysOverTheListener() throws {
        let board = try plan("INT. ROOM - NIGHT\n\nA clock ticks.\n\nMAYA sits alone.\n\nMAYA\nHello?\n\nBEN (V.O.)\nYou always did cut it close.\n")
        let shot = try #require(board.shots.last)
        #expect(shot.purpose == .reaction)
        #expect(shot.subjects == ["char:maya"])
        #expect(shot.dialogue.first?.offScreen == true)
        #expect(shot.dialogue.first?.speaker == "char:ben")
    }

    @Test func dualDialogueSharesOneShot() throws {
        let board = try plan("INT. ROOM - DAY\n\nMAYA and BEN face each other.\n\nMAYA\nCome with me.\n\nBEN ^\nStay with me.\n")
        let shot = try #require(board.shots.last)
        #expect(shot.dialogue.map(\.text) == ["Come with me.", "Stay with me."])
        #expect(Set(shot.subjects) == ["char:maya", "char:ben"])
        #expect(shot.size <= .medium)
    }

    @Test func dialogueShotsLastAsLongAsTheLineTakesToSayInWholeFrames() throws {
        let board = try plan(Self.diner)
        let rate = board.format.frameRate
        for shot in board.shots {
            #expect(rate.time(frames: rate.frames(in: shot.duration)) == shot.duration)
        }
        let long = try plan("INT. ROOM - DAY\n\nMAYA sits.\n\nMAYA\nOne two three four five six seven eight nine ten eleven twelve.\n")
        let cue = try #require(long.shots.last?.dialogue.first)
        // Twelve words at three a second: about four seconds.
        #expect(abs(cue.duration.seconds - 4) < 0.3)
        #expect(long.shots.last!.duration > cue.start + cue.duration)
    }

    @Test func chineseLinesAreTimedByCharacters() throws {
        let board = try plan(".内景 厨房 夜\n\n林晓坐在桌边。\n\n@林晓\n妈每天晚上都在等你回家。\n")
        #expect(board.language == .chinese)
        let cue = try #require(board.shots.last?.dialogue.first)
        #expect(cue.language == .chinese)
        #expect(cue.speaker == Subject.makeID(kind: .character, name: "林晓"))
        // Eleven characters at 4.2 a second.
        #expect(abs(cue.duration.seconds - 11.0 / 4.2) < 0.2)
        #expect(board.scenes.first?.timeOfDay == .night)
    }

    @Test func editingOneSceneLeavesEveryOtherScenesIdsAlone() throws {
        let a = try plan("INT. A - DAY\n\nX sits.\n\nINT. B - DAY\n\nY sits.\n\nZ stands.\n\nINT. C - DAY\n\nW sits.\n")
        let b = try plan("INT. A - DAY\n\nX sits.\n\nINT. B - DAY\n\nY sits.\n\nA new beat.\n\nZ stands.\n\nINT. C - DAY\n\nW sits.\n")
        #expect(a.shots.filter { $0.scene == "1" } == b.shots.filter { $0.scene == "1" })
        #expect(a.shots.filter { $0.scene == "3" }.map(\.id) == b.shots.filter { $0.scene == "3" }.map(\.id))
        #expect(a.shots.map(\.id.rawValue).contains("S03-01"))
    }

    @Test func sceneNumbersWrittenInTheScriptNameTheShots() throws {
        let board = try plan("INT. A - DAY #12A#\n\nX sits.\n")
        #expect(board.shots.first?.id == "S12A-01")
        #expect(board.scenes.first?.id == "12A")
    }

    @Test func fadesBecomeShotTransitions() throws {
        let board = try plan("FADE IN:\n\nINT. A - DAY\n\nX sits.\n\nFADE OUT.\n")
        #expect(board.shots.first?.transitionIn == .fadeIn)
        #expect(board.shots.last?.transitionOut == .fadeOut)
    }

    @Test func pronounsGiveCharactersTheirVoices() throws {
        let board = try plan(Self.diner)
        #expect(board.subject("char:maya")?.voice?.gender == .female)
        let voices = board.subjects.compactMap(\.voice)
        #expect(Set(voices).count == voices.count)
    }

    @Test func moodComesFromTheScenesWords() throws {
        #expect(try plan("INT. A - DAY\n\nX cries at the funeral.\n").scenes[0].mood == .sad)
        #expect(try plan("EXT. A - DAY\n\nX runs. A car explodes behind him.\n").scenes[0].mood == .action)
        #expect(try plan("INT. A - DAY\n\nX sits.\n").scenes[0].mood == .calm)
    }

    @Test(arguments: ["", "Just some action, no heading.\n", "Title: Only a title\n"])
    func aScriptWithoutScenesIsAClearError(text: String) {
        #expect {
            try plan(text)
        } throws: { error in
            (error as? ReelError)?.message == "the script has no scenes"
        }
    }
}
