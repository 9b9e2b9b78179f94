import ReelModel
import ReelScript
import Testing

/// The title page at the start of a document.
struct FountainTitlePageTests {
    typealias F = FountainTest

    @Test func keysAndInlineValues() {
        let screenplay = Fountain.parse("Title: The *Ferry*\nAuthor: Ana Ruiz\nDraft date: 1 May\n\nINT. X - DAY\n")
        #expect(screenplay.titlePage == [
            TitlePageField(key: "Title", values: ["The *Ferry*"]),
            TitlePageField(key: "Author", values: ["Ana Ruiz"]),
            TitlePageField(key: "Draft date", values: ["1 May"]),
        ])
        #expect(screenplay.title == "The Ferry")
        #expect(screenplay.elements.map(\.content) == [F.heading("INT. X - DAY")])
        #expect(screenplay.elements.first?.line == 5)
    }

    @Test func indentedValuesSpanLines() {
        let screenplay = Fountain.parse("Title:\n    Line one\n\tLine two\nContact: Reel\n  Harbour Road\n\nAction.")
        #expect(screenplay.titlePage == [
            TitlePageField(key: "Title", values: ["Line one", "Line two"]),
            TitlePageField(key: "Contact", values: ["Reel", "Harbour Road"]),
        ])
        #expect(screenplay.titleValue("contact") == "Reel\nHarbour Road")
    }

    @Test(arguments: [
        ("INT. HOUSE: NIGHT\n\nText.", [F.heading("INT. HOUSE: NIGHT"), F.action("Text.")]),
        ("FADE IN:\n\nINT. HOUSE - DAY", [F.action("FADE IN:"), F.heading("INT. HOUSE - DAY")]),
        ("\nTitle: Late\n\nText.", [F.action("Title: Late"), F.action("Text.")]),
        ("CUT TO:", [F.transition("CUT TO:")]),
    ])
    func noTitlePage(_ text: String, _ expected: [ScriptElement.Content]) {
        let screenplay = Fountain.parse(text)
        #expect(screenplay.titlePage.isEmpty)
        #expect(screenplay.elements.map(\.content) == expected)
    }

    @Test func aLineThatIsNeitherKeyNorIndentedEndsThePage() {
        let screenplay = Fountain.parse("Title: A\nJust text.\n\nMore.")
        #expect(screenplay.titlePage == [TitlePageField(key: "Title", values: ["A"])])
        #expect(screenplay.elements.map(\.content) == [F.action("Just text."), F.action("More.")])
    }

    @Test func chineseKeys() {
        let screenplay = Fountain.parse("标题: 茶馆的雨\n作者: 测试组\n\n.内景 茶馆 日\n")
        #expect(screenplay.titleValue("标题") == "茶馆的雨")
        #expect(screenplay.titleValue("作者") == "测试组")
    }

    @Test func writerKeepsABodyThatLooksLikeATitlePageInTheBody() {
        let screenplay = Screenplay(elements: [ScriptElement(.action(Action(text: "Note: the dog is real.")))])
        let written = Fountain.write(screenplay)
        #expect(written == "\nNote: the dog is real.\n")
        #expect(FountainTest.zeroingLines(Fountain.parse(written)) == screenplay)
    }
}
