import Foundation
import ReelModel
import Testing
@testable import ReelAnimatic

/// The animatic draws what the action has a character hold: an open umbrella, a suitcase —
/// given to the character the same sentence names, in English and Chinese.
@Suite struct PanelPropTests {
    @Test(arguments: [
        ("Maya opens her umbrella against the rain.", ["MAYA", "BEN"], [PanelProp.umbrella, nil]),
        ("Ben waits. MAYA drags a suitcase across the platform.", ["BEN", "MAYA"], [nil, .suitcase]),
        ("Rain. She shelters under a black umbrella.", ["MAYA"], [.umbrella]),
        ("BEN, soaked, holds the umbrella over Maya; Maya lifts her suitcase.", ["MAYA", "BEN"], [.suitcase, .umbrella]),
        ("小雨撑着伞走出地铁站。", ["小雨"], [.umbrella]),
        ("阿杰拖着行李箱，小雨看着他。", ["小雨", "阿杰"], [nil, .suitcase]),
        ("MAYA CHEN sets down her luggage.", ["MAYA CHEN"], [.suitcase]),
    ] as [(String, [String], [PanelProp?])])
    func theActionSaysWhoHoldsWhat(action: String, names: [String], expected: [PanelProp?]) {
        #expect(PanelProp.read(action, names: names) == expected, "\(action)")
    }

    @Test(arguments: ["Maya and Ben argue by the window.", "The umbrella stand is empty.", "An umbrellaless crowd.",
                      "Ben looks at Maya. Rain on the suitcase shop sign."])
    func wordsThatGiveNobodyAPropGiveNone(action: String) {
        let props = PanelProp.read(action, names: ["MAYA", "BEN"])
        #expect(props.allSatisfy { $0 == nil }, "\(action): \(props)")
    }

    /// Two in frame and a sentence naming neither: the prop is nobody's (the place's, perhaps).
    @Test func aPropNoFigureIsNamedWithGoesToNobodyWhenTwoAreInFrame() {
        #expect(PanelProp.read("An umbrella lies on the floor.", names: ["MAYA", "BEN"]) == [nil, nil])
        #expect(PanelProp.read("An umbrella lies on the floor.", names: ["MAYA"]) == [.umbrella])
    }

    /// The panel draws it; a figure holding nothing keeps its JSON as it was.
    @Test func thePanelDrawsTheUmbrellaAndTheSuitcase() throws {
        var plain = PanelRendererTests.kitchen
        plain.size = .medium
        plain.figures = [PanelFigure(name: "MAYA", colorIndex: 1, gender: .female, speaking: true)]
        var umbrella = plain, suitcase = plain
        umbrella.figures[0].prop = .umbrella
        suitcase.figures[0].prop = .suitcase
        let (a, b, c) = (PanelRenderer.svg(plain), PanelRenderer.svg(umbrella), PanelRenderer.svg(suitcase))
        #expect(a != b && a != c && b != c)
        #expect(b.count > a.count && c.count > a.count, "each adds its drawing")
        let json = String(decoding: try JSONEncoder().encode(plain.figures[0]), as: UTF8.self)
        #expect(!json.contains("prop"), "\(json)")
    }
}
