import ReelModel
import ReelScript
import Testing

/// Chinese screenplays: forced and unforced headings, `@` cues, Reel's unforced CJK cues.
struct FountainChineseTests {
    typealias F = FountainTest

    @Test func teahouseFixture() {
        let screenplay = Fountain.parse(FountainFixtures.teahouse)
        #expect(screenplay.titleValue("标题") == "茶馆的雨")
        #expect(screenplay.elements.map(\.content) == [
            F.heading("内景 茶馆 日", forced: true),
            F.action("雨打在玻璃上。老板娘擦着柜台。"),
            F.action("林晓推门进来，收起伞。"),
            F.speech("林晓", .line("一杯龙井。")),
            F.speech("老板娘", .parenthetical("头也不抬"), .line("今天没有龙井。"), forced: true),
            F.speech("林晓", .line("她总是这样说。"), extensions: ["画外音"]),
            F.heading("外景。街道 — 黄昏"),
            F.action("行人匆匆。"),
            F.speech("周明", .line("我在对面等你。"), extensions: ["V.O."]),
            F.speech("林晓", .line("你在哪儿？")),
            F.speech("周明", .line("就在你身后。"), dual: true),
            F.action("雨停了\n她回头。", forced: true),
            F.heading("内/外 车内 夜"),
            F.action("周明开车。林晓看着窗外。"),
            F.speech("欧阳·明月", .parenthetical("轻声"), .line("*别回头。*")),
            F.heading("日 内 咖啡馆", forced: true),
            F.action("门开了。\n林晓走进来。"),
            F.transition("切至：", forced: true),
        ])
    }

    @Test(arguments: [
        "内景 厨房 夜", "外景。街道 — 黄昏", "内/外 车内 日", "内外景 车站 晨", "内 厨房 夜", "外·街道·夜",
        "内景\u{3000}厨房\u{3000}夜", "外景 街道 - 傍晚 #12#",
    ])
    func unforcedChineseHeadings(_ text: String) {
        guard case .sceneHeading(let heading)? = F.body("\n\(text)\n\n").first else {
            Issue.record("\(text) is not a heading")
            return
        }
        #expect(!heading.forced)
    }

    @Test(arguments: [
        ("内心很乱。", F.action("内心很乱。")),
        ("外面下雨了", F.action("外面下雨了")),
        ("日 内 咖啡馆", F.action("日 内 咖啡馆")),
        (".日 内 咖啡馆", F.heading("日 内 咖啡馆", forced: true)),
        (".内景 厨房 夜", F.heading("内景 厨房 夜", forced: true)),
    ])
    func notUnforcedHeadings(_ text: String, _ expected: ScriptElement.Content) {
        #expect(F.body(text) == [expected])
    }

    @Test func aChineseHeadingNeedsABlankLineAfter() {
        #expect(F.body("内景 厨房 夜\n林晓在切菜。") == [F.action("内景 厨房 夜\n林晓在切菜。")])
    }

    @Test(arguments: [
        ("林晓\n你好。", F.speech("林晓", .line("你好。"))),
        ("林晓（画外音）\n你好。", F.speech("林晓", .line("你好。"), extensions: ["画外音"])),
        ("林晓(V.O.)\n你好。", F.speech("林晓", .line("你好。"), extensions: ["V.O."])),
        ("林晓 (O.S.)\n你好。", F.speech("林晓", .line("你好。"), extensions: ["O.S."])),
        ("欧阳·明月\n你好。", F.speech("欧阳·明月", .line("你好。"))),
        ("司马相如的老师傅\n你好。", F.speech("司马相如的老师傅", .line("你好。"))),
        ("林晓 ^\n你好。", F.speech("林晓", .line("你好。"), dual: true)),
        ("@林晓\n你好。", F.speech("林晓", .line("你好。"), forced: true)),
        ("@Lin Xiao 林晓\n你好。", F.speech("Lin Xiao 林晓", .line("你好。"), forced: true)),
    ])
    func chineseCues(_ text: String, _ expected: ScriptElement.Content) {
        #expect(F.body(text) == [expected])
    }

    /// Reel's rule: 1–8 Han characters, no punctuation, a boundary before and a line directly after.
    @Test(arguments: [
        ("门开了。\n她进来。", F.action("门开了。\n她进来。")),
        ("他说：\n走吧。", F.action("他说：\n走吧。")),
        ("真的吗？\n是的。", F.action("真的吗？\n是的。")),
        ("一二三四五六七八九\n太长了。", F.action("一二三四五六七八九\n太长了。")),
        ("林晓 说\n你好。", F.action("林晓 说\n你好。")),
        ("!雨停了\n她回头。", F.action("雨停了\n她回头。", forced: true)),
        ("内景\n厨房。", F.action("内景\n厨房。")),
    ])
    func chineseActionIsNotTakenForACue(_ text: String, _ expected: ScriptElement.Content) {
        #expect(F.body(text) == [expected])
    }

    @Test func aChineseCueNeedsItsLineDirectlyAfter() {
        #expect(F.body("林晓\n\n你好。") == [F.action("林晓"), F.action("你好。")])
        #expect(F.body("她回头。\n林晓\n你好。") == [F.action("她回头。\n林晓\n你好。")])
    }

    /// The limit of the rule: a short unpunctuated line directly followed by text reads as a cue.
    @Test func aShortUnpunctuatedLineBeforeTextIsACue() {
        #expect(F.body("雨停了\n她回头。") == [F.speech("雨停了", .line("她回头。"))])
    }

    @Test func chineseSpeechJoinsLinesWithoutSpaces() {
        guard case .dialogue(let speech)? = F.body("林晓\n（轻声）\n我知道，\n一直都知道。").first else {
            Issue.record("expected a speech")
            return
        }
        #expect(speech.spokenText == "我知道，一直都知道。")
        #expect(speech.parentheticals == ["轻声"])
    }

    @Test func writerUsesFullWidthParenthesesForChinese() {
        let speech = F.speech("林晓", .parenthetical("轻声"), .line("你好。"), extensions: ["画外音"])
        let written = Fountain.write(Screenplay(elements: [ScriptElement(speech)]))
        #expect(written == "林晓（画外音）\n（轻声）\n你好。\n")
    }
}
