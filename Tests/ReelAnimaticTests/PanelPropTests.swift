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
        ("暴雨如注。外卖员陈默（男，二十八岁）骑着电动车穿过空荡荡的街道。他浑身湿透。", ["陈默"], [.bike]),
        ("Ben rides his e-bike past Maya.", ["MAYA", "BEN"], [nil, .bike]),
        ("KAI pedals the bicycle uphill.", ["KAI"], [.bike]),
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

    /// The lighthouse and the sea, from the heading's place or the action, in English and Chinese.
    @Test(arguments: [
        ("LIGHTHOUSE", "", [PanelLandmark.lighthouse]),
        ("CLIFF TOP", "A lighthouse blinks across the sea.", [.lighthouse, .sea]),
        ("海边", "远处的灯塔亮了。", [.lighthouse, .sea]),
        ("STREET", "Maya waves at the ocean liner.", [.sea]),
        ("KITCHEN", "Ben reads the seating chart by the seashell lamp.", []),
        ("STREET", "Maya waves goodbye from 上海 station.", []),
    ] as [(String, String, [PanelLandmark])])
    func theHeadingAndActionNameLandmarks(location: String, action: String, expected: [PanelLandmark]) {
        #expect(PanelLandmark.read(location: location, action: action) == expected, "\(location) / \(action)")
    }

    /// The lighthouse is drawn outdoors (not in a kitchen), and the sea makes a placeless
    /// exterior a shore.
    @Test func theLandmarksAreDrawnOutdoors() {
        let cliff = PanelGallery.vertical("CLIFF TOP", .night, setting: .exterior, size: .wide)
        var lit = cliff
        lit.landmarks = [.lighthouse]
        #expect(PanelRenderer.svg(cliff) != PanelRenderer.svg(lit))
        var kitchen = PanelRendererTests.kitchen
        let bare = PanelRenderer.svg(kitchen)
        kitchen.landmarks = [.lighthouse]
        #expect(PanelRenderer.svg(kitchen) == bare, "no lighthouse indoors")
        var field = PanelGallery.vertical("OUTSIDE", .day, setting: .exterior, size: .wide)
        #expect(PanelLayout.make(field).location.place == nil)
        field.landmarks = [.sea]
        #expect(PanelLayout.make(field).location.place == .beach)
    }

    /// A rider's panel differs from the same figure standing, and adds the bike's drawing.
    @Test func theRiderIsDrawnOnTheBike() {
        var standing = PanelGallery.vertical("STREET", .night, setting: .exterior, size: .full, figures: [PanelGallery.chen])
        let plain = PanelRenderer.svg(standing)
        standing.figures[0].prop = .bike
        let riding = PanelRenderer.svg(standing)
        #expect(riding != plain && riding.count > plain.count)
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
