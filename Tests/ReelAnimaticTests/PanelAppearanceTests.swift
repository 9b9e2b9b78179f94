import Foundation
import ReelModel
import Testing
@testable import ReelAnimatic

/// The animatic draws what a character's description says: the colour of what they wear,
/// their hair's colour and style, grey hair with age — in English and Chinese.
@Suite struct PanelAppearanceTests {
    @Test(arguments: [
        ("short black hair, a red raincoat", PanelAppearance(costume: 0xC8322F, hairColor: 0x222226, hair: .short)),
        ("a red raincoat over short black hair", PanelAppearance(costume: 0xC8322F, hairColor: 0x222226, hair: .short)),
        ("Elderly, in a navy cardigan", PanelAppearance(costume: 0x24345E, hairColor: 0xB9B9BD)),
        ("blonde hair in a bun, green dress", PanelAppearance(costume: 0x2E9057, hairColor: 0xD9B45A, hair: .bun)),
        ("黑色长发，穿红色外套", PanelAppearance(costume: 0xC8322F, hairColor: 0x222226, hair: .long)),
        ("白发的老奶奶，灰色开衫", PanelAppearance(costume: 0x8C8F96, hairColor: 0xEDEAE2)),
        ("短发，蓝色校服", PanelAppearance(costume: 0x3567C8, hair: .short)),
        ("blue eyes, black coat", PanelAppearance(costume: 0x222226)),
        ("olive skin, white shirt, grey hair", PanelAppearance(costume: 0xEDEAE2, hairColor: 0x8C8F96)),
        ("红着脸，穿深蓝色外套", PanelAppearance(costume: 0x24345E)),
        ("米白色风衣", PanelAppearance(costume: 0xEDEAE2)),
    ])
    func aDescriptionSaysWhatToDraw(description: String, expected: PanelAppearance) {
        #expect(PanelAppearance.read(description) == expected, "\(description)")
    }

    @Test(arguments: ["", "MAYA CHEN (30s), soaked through, runs down the stairs", "she covered the redacted files", "心事重重",
                      "sits in a red chair", "a red suitcase by the wardrobe", "黑色沙发上", "白天出发", "红着眼发呆",
                      "bundled up against the cold", "Bob's best friend", "a black laptop"])
    func wordsThatNameNothingDrawnChangeNothing(description: String) {
        #expect(PanelAppearance.read(description) == nil, "\(description)")
    }

    /// The panel draws the costume and hair the description names; a character nobody
    /// described keeps its panel's JSON (and so its cache key) as it was.
    @Test func thePanelWearsTheDescribedCostume() throws {
        var plain = PanelRendererTests.kitchen
        plain.figures = [PanelFigure(name: "MAYA", colorIndex: 0, gender: .female, speaking: true)]
        var described = plain
        described.figures[0].appearance = PanelAppearance.read("short black hair, a navy raincoat")
        let look = PanelFigureLook.make(described.figures[0], dim: 0), own = PanelFigureLook.make(plain.figures[0], dim: 0)
        #expect(look.costume == PanelColor(0x24345E) && own.costume == PanelColor(PanelFigureLook.costumes[0]),
                "the navy coat instead of the colour slot")
        #expect(look.hair == PanelColor(0x222226) && look.hairStyle == .crop && own.hairStyle == .long)
        #expect(PanelRenderer.svg(plain) != PanelRenderer.svg(described), "the panel is drawn with it")
        let json = String(decoding: try JSONEncoder().encode(plain.figures[0]), as: UTF8.self)
        #expect(!json.contains("appearance"), "\(json)")
    }
}
