import Foundation
import FoundationXML
import ReelModel
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

@Suite("Panel renderer")
struct PanelRendererTests {
    static let kitchen = PanelSpec(width: 720, height: 1280, timeOfDay: .night, location: "KITCHEN", size: .closeUp,
                                   purpose: .dialogue, figures: [PanelGallery.maya, PanelGallery.ben],
                                   caption: "Maya slams the mug down.", slug: "S03-07 · CU · push in · 3.5s", seed: 7)

    /// The text of every `<text>` element, parsed as XML.
    static func texts(_ svg: String) throws -> [String] {
        let doc = try XMLDocument(xmlString: svg, options: [])
        return try doc.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
    }

    @Test func sameSpecGivesTheSameBytes() {
        #expect(PanelRenderer.svg(Self.kitchen) == PanelRenderer.svg(Self.kitchen))
    }

    @Test func anotherSeedGivesAnotherTake() {
        var other = Self.kitchen
        other.seed = 8
        #expect(PanelRenderer.svg(Self.kitchen) != PanelRenderer.svg(other))
    }

    @Test(arguments: PanelGallery.cases.map(\.0))
    func everyGalleryPanelIsWellFormedXML(name: String) throws {
        let spec = try #require(PanelGallery.cases.first { $0.0 == name }?.1)
        let svg = PanelRenderer.svg(spec)
        let doc = try XMLDocument(xmlString: svg, options: [])
        #expect(doc.rootElement()?.name == "svg")
        let width = doc.rootElement()?.attributes?.first { $0.name == "width" }?.stringValue
        #expect(width == String(max(16, spec.width)))
    }

    @Test(arguments: PanelGallery.cases.map(\.0))
    func everyFigureIsNamed(name: String) throws {
        let spec = try #require(PanelGallery.cases.first { $0.0 == name }?.1)
        let texts = try Self.texts(PanelRenderer.svg(spec))
        for figure in spec.figures {
            let expected = figure.offScreen ? "(V.O.) \(figure.name)" : figure.name
            #expect(texts.contains(expected), "\(figure.name) has no tag in \(name)")
        }
    }

    @Test func namesAndCaptionsAreEscaped() throws {
        let name = #"<A&B> "Q" 'S'"#
        let caption = #"She types "<script>" & hits 'enter'"#
        let spec = PanelSpec(width: 640, height: 360, location: "OFFICE", figures: [PanelFigure(name: name, speaking: true)],
                             caption: caption, slug: "S<1> & 'x'")
        let svg = PanelRenderer.svg(spec)
        #expect(!svg.contains("<A&B>"))
        #expect(!svg.contains("<script>"))
        let texts = try Self.texts(svg)
        #expect(texts.contains(name))
        #expect(texts.contains(caption))
        #expect(texts.contains("S<1> & 'x'"))
    }

    @Test func controlCharactersAreDropped() throws {
        let spec = PanelSpec(width: 320, height: 320, figures: [PanelFigure(name: "A\u{0}B\u{7}")], caption: "x\u{1B}y")
        let texts = try Self.texts(PanelRenderer.svg(spec))
        #expect(texts.contains("AB"))
        #expect(texts.contains("xy"))
    }

    @Test func chineseTextIsKept() throws {
        let spec = PanelSpec(width: 720, height: 1280, setting: .exterior, location: "天台", size: .medium,
                             figures: [PanelGallery.lin, PanelGallery.chen], caption: "林晓转身。")
        let texts = try Self.texts(PanelRenderer.svg(spec))
        #expect(texts.contains("林晓"))
        #expect(texts.contains("陈默"))
        #expect(texts.contains("林晓转身。"))
    }

    @Test func labelsUseTheCJKFontStack() {
        #expect(PanelRenderer.svg(Self.kitchen).contains(#"font-family="Noto Sans CJK SC, DejaVu Sans, sans-serif""#))
    }

    @Test func noFiltersAreUsed() {
        for (_, spec) in PanelGallery.cases {
            let svg = PanelRenderer.svg(spec)
            #expect(!svg.contains("<filter"))
            #expect(!svg.contains("feGaussianBlur"))
        }
    }

    @Test func offScreenVoicesHaveNoBody() {
        let heard = PanelFigure(name: "BEN", colorIndex: 1, speaking: true, offScreen: true)
        let spec = PanelSpec(width: 720, height: 1280, size: .mediumCloseUp, figures: [PanelGallery.maya, heard])
        let layout = PanelLayout.make(spec)
        #expect(layout.figures.map(\.figure) == [0])
        #expect(layout.tags.contains { $0.voiceOver && $0.text == "(V.O.) BEN" })
    }

    @Test func aDegenerateSpecStillRenders() throws {
        let spec = PanelSpec(width: 0, height: -5, frame: PanelRect(x: 900, y: 900, width: 10_000, height: 3),
                             location: "", figures: [PanelFigure(name: "")], caption: "", slug: "")
        _ = try XMLDocument(xmlString: PanelRenderer.svg(spec), options: [])
    }
}
