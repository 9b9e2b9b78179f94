import ReelModel
import ReelScript
import Testing

/// A short-drama script planned: the same storyboard machinery as Fountain, so its speech
/// gets dialogue shots, voices and subtitle cues.
@Suite struct ShortDramaPlanTests {
    func plan(_ text: String) throws -> Storyboard {
        try ShotPlanner.plan(ShortDrama.parse(text), options: PlanOptions(fallbackTitle: "t"))
    }

    @Test func speechBecomesDialogueShotsWithSpeakers() throws {
        let board = try plan(ShortDramaDetectionTests.rainDelivery)
        #expect(board.title == "雨夜外卖")
        #expect(board.language == .chinese)
        #expect(board.scenes.map(\.id.rawValue) == ["1-1", "1-2"])
        #expect(board.scenes.map(\.setting) == [.interior, .exterior])
        #expect(board.scenes.map(\.location) == ["出租屋", "出租屋门口"])
        #expect(board.scenes.map(\.timeOfDay) == [.night, .night])
        let cues = board.shots.flatMap(\.dialogue)
        #expect(cues.map(\.text) == ["他又没回消息。", "也许他真的忘了。", "外卖到了，请签收。", "你怎么来了？"])
        #expect(cues.map { board.subject($0.speaker)?.name } == ["小雨", "小雨", "阿杰", "小雨"])
        #expect(cues.map(\.offScreen) == [false, true, false, false])
        #expect(cues.map(\.parenthetical) == [nil, nil, nil, "惊讶"])
        #expect(cues.allSatisfy { $0.language == .chinese })
    }

    @Test func theCastLineGivesVoicesAndSilentCharacters() throws {
        let board = try plan("""
            人物：阿杰（男，26岁）、小雨（女，24岁）、房东（女）
            1-1 夜 内 出租屋
            △房东敲门。
            阿杰：开门。
            小雨：来了。
            """)
        let people = board.subjects.filter { $0.kind == .character }
        #expect(people.map(\.name) == ["阿杰", "小雨", "房东"])
        #expect(people.map { $0.voice?.gender } == [.male, .female, .female])
        let knock = try #require(board.shots.first { $0.action == "房东敲门。" })
        #expect(knock.subjects.map { board.subject($0)?.name } == ["房东"])
    }

    @Test func captionsAreCardsAndBracketsAreTransitionsAndNotes() throws {
        let board = try plan("""
            1-1 夜 内 出租屋
            △小雨盯着手机。
            小雨：他又没回消息。
            【叠化】
            1-2 日 外 街道
            △字幕：三年后
            【音效：车流声】
            △阿杰骑车穿过街道。
            """)
        let first = try #require(board.shots.last { $0.scene == "1-1" })
        #expect(first.transitionOut == .dissolve)
        #expect(board.shots.contains { $0.purpose == .insert && $0.action == "三年后" })
        #expect(board.shots.contains { $0.notes.contains("音效：车流声") })
    }
}
