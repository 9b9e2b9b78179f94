import ReelModel
import ReelScript
import Testing

/// Chinese short-drama scripts read into the screenplay model: each written variant of
/// headings, speech, action, captions, brackets and cast lines.
@Suite struct ShortDramaParserTests {
    typealias F = FountainTest

    static func body(_ text: String) -> [ScriptElement.Content] {
        ShortDrama.parse(text).elements.map(\.content)
    }

    @Test(arguments: [
        ("1-1 夜 内 出租屋", "内景 出租屋 夜", "1-1"),
        ("1-1 李少安家 日 内", "内景 李少安家 日", "1-1"),
        ("1-1 日 外 浅浅家门口", "外景 浅浅家门口 日", "1-1"),
        ("第1场 日 外 街道", "外景 街道 日", "1"),
        ("第十二场 夜 内 医院走廊", "内景 医院走廊 夜", "12"),
        ("1 张三卧室 日内", "内景 张三卧室 日", "1"),
        ("2 天台 夜外", "外景 天台 夜", "2"),
        ("23-1，外，武當山玄嶽門，日", "外景 武當山玄嶽門 日", "23-1"),
        ("第壹場，小湖邊，晨，張穎、王靜", "小湖邊 晨", "1"),
        ("※ 3-2 咖啡馆 黄昏 内", "内景 咖啡馆 黄昏", "3-2"),
        ("1-1　夜　内　出租屋", "内景 出租屋 夜", "1-1"),
        ("内景 客厅 清晨", "内景 客厅 清晨", nil),
        ("外景 取经路 白天", "外景 取经路 白天", nil),
        ("山村,夜,外", "外景 山村 夜", nil),
        (".内景 出租屋 夜", "内景 出租屋 夜", nil),
        (".天台", "天台", nil),
    ] as [(String, String, String?)])
    func headingVariants(_ line: String, _ text: String, _ number: String?) {
        #expect(Self.body(line) == [F.heading(text, number)], "\(line)")
    }

    @Test func aHeadingNumberAloneTakesItsWordsFromTheNextLine() {
        #expect(Self.body("### 场1-1\n日 内 旧教室\n△黑板上写着一行字。") == [
            F.heading("内景 旧教室 日", "1-1"), F.action("黑板上写着一行字。"),
        ])
    }

    @Test(arguments: ["夜深了，他还没回来。", "1999年 夏天 很热", "12", "日出东方", "外面下雨了"])
    func notHeadings(_ line: String) {
        let body = Self.body("1-1 夜 内 出租屋\n" + line)
        #expect(body.count == 2, "\(line): \(body)")
        #expect(body.dropFirst().allSatisfy { if case .action = $0 { true } else { false } }, "\(line): \(body)")
    }

    @Test func headingsMapToTheStoryboardsSettingPlaceAndTime() throws {
        let heading = try #require(ShortDrama.parse("1-1 夜 外 出租屋门口").elements.first)
        guard case .sceneHeading(let h) = heading.content else { throw Failure("not a heading") }
        #expect(h.parts.setting == .exterior)
        #expect(h.parts.location == "出租屋门口")
        #expect(h.parts.timeOfDay == .night)
    }

    @Test(arguments: [
        ("小雨：他又没回消息。", F.speech("小雨", .line("他又没回消息。"))),
        ("小雨:他又没回消息。", F.speech("小雨", .line("他又没回消息。"))),
        ("小雨（哽咽）：妈每天都在等你。", F.speech("小雨", .parenthetical("哽咽"), .line("妈每天都在等你。"))),
        ("小雨(冷笑): 你也配？", F.speech("小雨", .parenthetical("冷笑"), .line("你也配？"))),
        ("阿杰：（小声嘀咕）啰嗦。", F.speech("阿杰", .parenthetical("小声嘀咕"), .line("啰嗦。"))),
        ("阿杰：你来了（停顿）我等了很久。", F.speech("阿杰", .line("你来了"), .parenthetical("停顿"), .line("我等了很久。"))),
        ("小雨（OS）：也许他忘了。", F.speech("小雨", .line("也许他忘了。"), extensions: ["V.O."])),
        ("小雨（os）：也许他忘了。", F.speech("小雨", .line("也许他忘了。"), extensions: ["V.O."])),
        ("小雨（内心）：也许他忘了。", F.speech("小雨", .line("也许他忘了。"), extensions: ["V.O."])),
        ("母亲（画外音）：回家吃饭了！", F.speech("母亲", .line("回家吃饭了！"), extensions: ["画外音"])),
        ("画外音：那一年，他十八岁。", F.speech("画外音", .line("那一年，他十八岁。"), extensions: ["画外音"])),
        ("债主甲：“还钱！”", F.speech("债主甲", .line("还钱！"))),
        ("欧阳·明月：走吧。", F.speech("欧阳·明月", .line("走吧。"))),
    ])
    func speechVariants(_ line: String, _ expected: ScriptElement.Content) {
        #expect(Self.body(line) == [expected], "\(line)")
    }

    @Test(arguments: ["他说：走吧。", "屏幕上写着：最后一单。", "手机亮起。屏幕上写着：快回家", "时间：2026年"])
    func quotationsInActionAreNotSpeech(_ line: String) {
        let body = Self.body("1-1 夜 内 出租屋\n" + line)
        #expect(body.count == 2, "\(line): \(body)")
        #expect(body.dropFirst().allSatisfy { if case .dialogue = $0 { false } else { true } }, "\(line): \(body)")
    }

    @Test func aNameAloneTakesItsWordsFromTheLinesAfter() {
        #expect(Self.body("小雨：\n（低声）他又没回消息。\n\n△她放下手机。") == [
            F.speech("小雨", .parenthetical("低声"), .line("他又没回消息。")), F.action("她放下手机。"),
        ])
    }

    @Test func actionCaptionsBracketsAndEpisodes() {
        #expect(Self.body("""
            第一集
            1-1 夜 内 出租屋
            △窗外下着大雨。
            △ 小雨盯着手机。
            ▲门铃响了。
            △字幕：三年后
            【字幕：上海】
            【叠化】
            【转场：淡出】
            切至：
            【音效：雷声】
            她愣住了。
            """) == [
                .section(level: 1, text: "第一集"),
                F.heading("内景 出租屋 夜", "1-1"),
                F.action("窗外下着大雨。"), F.action("小雨盯着手机。"), F.action("门铃响了。"),
                .centered(["三年后"]), .centered(["上海"]),
                F.transition("叠化", forced: true), F.transition("淡出", forced: true), F.transition("切至", forced: true),
                .note("音效：雷声"),
                F.action("她愣住了。"),
            ])
    }

    @Test func theTitlePageAndTheCast() {
        let screenplay = ShortDrama.parse("""
            剧名：雨夜外卖
            编剧：某某
            这是一个关于等待的故事。
            人物：小雨（女，24岁）、阿杰（男）

            1-1 夜 内 出租屋
            人物：小雨、房东
            小雨：他又没回消息。
            """)
        #expect(screenplay.title == "雨夜外卖")
        #expect(screenplay.titleValue("编剧") == "某某")
        #expect(screenplay.listedCast == ["小雨（女，24岁）", "阿杰（男）", "房东"])
        #expect(screenplay.elements.map(\.content) == [
            .synopsis("这是一个关于等待的故事。"),
            F.heading("内景 出租屋 夜", "1-1"),
            F.speech("小雨", .line("他又没回消息。")),
        ])
        #expect(ShortDrama.parse("《雨夜外卖》\n\n1-1 夜 内 出租屋").title == "雨夜外卖")
    }

    @Test func scenesAreNumberedWithinTheirEpisode() {
        let headings = ShortDrama.parse("第一集\n1 出租屋 夜内\n2 街道 夜外\n第二集\n1 出租屋 日内\n2-5 天台 日外")
            .elements.compactMap { element -> String? in
                if case .sceneHeading(let h) = element.content { return h.sceneNumber }
                return nil
            }
        #expect(headings == ["1-1", "1-2", "2-1", "2-5"])
    }

    @Test func linesKeepTheirSourceLineNumbers() {
        let elements = ShortDrama.parse("\u{FEFF}剧名：雨\r\n\r\n1-1 夜 内 出租屋\r\n△雨。\r小雨：冷。\n")
            .elements
        #expect(elements.map(\.line) == [3, 4, 5])
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
