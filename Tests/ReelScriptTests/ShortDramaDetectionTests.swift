import Foundation
import ReelModel
import ReelScript
import Testing

/// Telling a short-drama script from Fountain, and the warning for speech read as action.
@Suite struct ShortDramaDetectionTests {
    static let rainDelivery = """
        剧名：雨夜外卖
        人物：小雨（女，24岁）、阿杰（男，26岁）

        1-1 夜 内 出租屋
        △窗外下着大雨。小雨坐在床边，盯着手机。
        小雨：他又没回消息。
        小雨（OS）：也许他真的忘了。

        1-2 夜 外 出租屋门口
        △阿杰浑身湿透，站在门口。
        阿杰：外卖到了，请签收。
        小雨（惊讶）：你怎么来了？
        """

    @Test(arguments: [
        rainDelivery,
        // No △ at all, headings in the `第N场` form.
        "第1场 日 外 街道\n\n小雨走在街上。\n\n小雨：今天天气真好。\n阿杰：是啊。\n",
        // Mostly unmarked action, but a numbered heading Fountain cannot read.
        "1-1 夜 内 出租屋\n窗外下着大雨。\n小雨坐在床边。\n她盯着手机。\n小雨：他又没回消息。\n",
    ])
    func shortDramaScriptsAreDetected(_ text: String) {
        #expect(ScriptFormat.detect(text) == .shortDrama)
        #expect(ScriptFormat.auto.resolved(for: text) == .shortDrama)
        #expect(ScriptFormat.fountain.resolved(for: text) == .fountain)
    }

    @Test(arguments: [
        FountainFixtures.teahouse,
        "Title: 最后一单\nCredit: Reel\n\n.外景 城市街道 夜\n\n暴雨如注。\n\n@陈默\n（自言自语）\n最后一单。\n\n手机亮起。屏幕上写着：最后一单。\n",
        "INT. DINER - NIGHT\n\nRain.\n\nMAYA\nWe're closed.\n\nNote: nobody is here.\n",
        "内景 茶馆 日\n\n林晓推门进来。\n\n林晓\n一杯龙井。\n\n老板娘\n今天没有龙井。\n",
    ])
    func fountainScriptsStayFountain(_ text: String) {
        #expect(ScriptFormat.detect(text) == .fountain)
    }

    @Test func theExampleFountainScriptStaysFountain() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/last-delivery.zh.fountain")
        #expect(ScriptFormat.detect(try String(contentsOf: url, encoding: .utf8)) == .fountain)
    }

    @Test func speechReadAsFountainActionIsWarnedAbout() throws {
        // What a short-drama script gives when read as Fountain: speech lines become action.
        let text = ".内景 出租屋 夜\n\n窗外下着大雨。\n小雨：他又没回消息。\n阿杰（小声）：我在路上。\n"
        let screenplay = Fountain.parse(text)
        #expect(!screenplay.elements.contains { if case .dialogue = $0.content { true } else { false } })
        let lines = ShortDrama.unspokenLines(in: screenplay)
        #expect(lines.map(\.line) == [4, 5])
        #expect(lines.map(\.speaker) == ["小雨", "阿杰"])
        let warnings = ShortDrama.warnings(fountain: screenplay, path: "s.fountain")
        #expect(warnings == [
            "s.fountain:4: 2 lines look like speech (`小雨：他又没回消息。`) but are read as Fountain action, so 小雨 gets no voice "
                + "and no subtitles; read the script as a Chinese short-drama script with `--format zh`, or put the speaker's "
                + "name on a line of its own above the words",
        ])
    }

    @Test func aSpeakersLineInActionIsWarnedAboutEvenBesideRealDialogue() {
        let screenplay = Fountain.parse(".内景 出租屋 夜\n\n@小雨\n他又没回消息。\n\n小雨：算了。\n\n屏幕上写着：已读。\n")
        #expect(ShortDrama.unspokenLines(in: screenplay).map(\.text) == ["小雨：算了。"])
    }

    @Test(arguments: [
        FountainFixtures.teahouse,
        "INT. DINER - NIGHT\n\nNote: nobody is here.\nTime: 3 am.\n",
        ".内景 出租屋 夜\n\n手机亮起。屏幕上写着：最后一单。\n他说：走吧。\n",
    ])
    func noWarningWithoutSpeechLikeLines(_ text: String) {
        #expect(ShortDrama.warnings(fountain: Fountain.parse(text), path: "s").isEmpty)
    }

    /// The format is read from the script's opening lines: what comes after them does not
    /// change it, and a long script is not classified line by line.
    @Test func theFormatIsDecidedByTheOpeningLines() {
        let drama = "1-1 夜 内 出租屋\n△林晚推门进来。\n林晚：有人吗？\n\n"
        let fountain = "INT. KITCHEN - NIGHT\n\nMaya reads a letter.\n\nMAYA\nWho sent this?\n\n"
        let opening = ScriptFormat.detectionLines / 7 + 1
        #expect(ScriptFormat.detect(String(repeating: drama, count: opening) + String(repeating: fountain, count: 10 * opening))
                == .shortDrama)
        #expect(ScriptFormat.detect(String(repeating: fountain, count: opening) + String(repeating: drama, count: 10 * opening))
                == .fountain)
        #expect(ScriptFormat.detect(String(repeating: drama, count: 3)) == .shortDrama, "a short script is read whole")
    }
}
