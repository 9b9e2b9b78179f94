import Foundation
import ReelAnimatic
import ReelMedia
import ReelModel
import ReelProviders
import ReelScript
import Testing

@testable import ReelStudio

/// A line the script marks `(O.S.)` is tagged `(O.S.)` on the panel, the film and the
/// board; `(V.O.)` stays `(V.O.)`.
@Suite struct OffScreenTagTests {
    static let script = """
        Title: Platform

        EXT. CITY RAILWAY STATION - NIGHT

        MAYA stops, out of breath, alone on the platform.

        BEN (O.S.)
        You always did cut it close.

        MAYA (V.O.)
        I always did.

        """

    func board() throws -> Storyboard {
        try ShotPlanner.plan(Fountain.parse(Self.script),
                             options: PlanOptions(format: .default, fallbackTitle: "t"))
    }

    @Test func theScriptsExtensionIsKeptOnTheLine() throws {
        let lines = try board().shots.flatMap(\.dialogue)
        #expect(lines.map(\.offScreenKind) == [.offScreen, .voiceOver])
        #expect(lines.allSatisfy { $0.offScreen })
    }

    @Test func thePanelTagsEachVoiceAsTheScriptDoes() throws {
        let board = try board()
        let describe = ShotDescription(storyboard: board)
        let panels = board.shots.filter { !$0.dialogue.isEmpty }.map { shot in
            PanelRenderer.svg(AnimaticPanel.spec(for: ImageRequest(prompt: "", brief: describe.brief(shot), width: 720,
                                                                    height: 1280, seed: 1)))
        }
        #expect(panels.count == 2)
        #expect(panels.first?.contains(">(O.S.) BEN<") == true)
        #expect(panels.first?.contains("(V.O.)") == false)
        #expect(panels.last?.contains(">(V.O.) MAYA<") == true)
    }

    @Test func theBoardSaysWhichVoiceItIs() throws {
        let html = BoardSheet(storyboard: try board(), panels: [:]).html()
        #expect(html.contains("<b>BEN</b> (O.S.)"))
        #expect(html.contains("<b>MAYA</b> (V.O.)"))
    }

    @Test func aStoryboardPlannedBeforeTheKindWasKeptShowsAVoiceOver() throws {
        let old = #"{"speaker":"ben","text":"Hi","language":"en","offScreen":true,"start":{"value":0,"timescale":1},"duration":{"value":1,"timescale":1}}"#
        let cue = try JSONDecoder().decode(DialogueCue.self, from: Data(old.utf8))
        #expect(cue.offScreenKind == nil)
        #expect(PanelFigure(name: "BEN", offScreen: cue.offScreen, offScreenKind: cue.offScreenKind).offScreenKind == .voiceOver)
    }
}
