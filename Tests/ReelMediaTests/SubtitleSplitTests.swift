import Foundation
import ReelModel
import Testing

@testable import ReelMedia

/// Cues a viewer can read: balanced lines, no word left alone, long enough on screen,
/// and two people speaking at once stacked in the order they speak.
@Suite struct SubtitleSplitTests {
    static let vertical = SubtitleLayout(maxLineWidth: 30)
    static let landscape = SubtitleLayout(maxLineWidth: 42)

    @Test(arguments: [
        // The line that left "here?" alone in a cue of its own.
        ("Ben Walker: Working. Twelve years of night shifts. What are you doing here?", 30,
         ["Ben Walker: Working.\nTwelve years of night shifts.", "What are you doing here?"]),
        ("Working. Twelve years of night shifts. What are you doing here?", 42,
         ["Working. Twelve years of night shifts.\nWhat are you doing here?"]),
        ("Maya Chen: Ben? What are you doing here?", 30, ["Maya Chen: Ben?\nWhat are you doing here?"]),
        ("Because I was afraid you'd ask me to stay.", 30, ["Because I was afraid\nyou'd ask me to stay."]),
        ("Twelve years of night shifts, and I never once missed a train.", 42,
         ["Twelve years of night shifts,\nand I never once missed a train."]),
        ("Hold the train! Please!", 30, ["Hold the train! Please!"]),
        ("Stay.", 30, ["Stay."]),
    ])
    func englishSplitsAtSentencesThenBalances(text: String, width: Int, expected: [String]) {
        #expect(SubtitleLayout(maxLineWidth: width).split(text) == expected)
    }

    @Test(arguments: [
        ("我在这个车站等了你整整十二年，你却一封信都没有回。", 30, ["我在这个车站等了你整整十二年，\n你却一封信都没有回。"]),
        ("妈每天晚上都在等你回家。", 30, ["妈每天晚上都在等你回家。"]),
        // Sixteen characters at most on a line, however wide the frame.
        ("外卖员骑着电动车穿过雨夜的街道，终于在最后一分钟把饭送到了。", 42,
         ["外卖员骑着电动车穿过雨夜的街道，\n终于在最后一分钟把饭送到了。"]),
        ("林晓：“你回来了？”", 30, ["林晓：“你回来了？”"]),
    ])
    func chineseSplitsAtPunctuationAndKeepsMarksWithTheirWords(text: String, width: Int, expected: [String]) {
        #expect(SubtitleLayout(maxLineWidth: width).split(text) == expected)
    }

    static let samples = [
        "Ben Walker: Working. Twelve years of night shifts. What are you doing here?",
        "Maya Chen: Because I was afraid you'd ask me to stay, and I knew I would have said yes.",
        "Then I have six hours to change my mind, or to tell you why I never wrote back to you, Ben.",
        "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen years.",
        "我在这个车站等了你整整十二年，你却一封信都没有回。",
        "你知道吗？这条路我走了三年，每天晚上都是同一个时间，同一家店，同一份面。",
        "林晓：妈每天晚上都在等你回家，你到底什么时候才回来看看她？",
    ]

    @Test(arguments: samples)
    func everyCueFitsAndNoWordIsLeftAlone(text: String) {
        for layout in [Self.vertical, Self.landscape] {
            let cues = layout.split(text)
            #expect(cues.joined(separator: " ").filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace })
            for cue in cues {
                let lines = cue.split(separator: "\n").map(String.init)
                #expect(lines.count <= 2, "\(cue)")
                for line in lines {
                    #expect(SubtitleLayout.width(line) <= layout.maxLineWidth, "\(line) is too wide")
                    #expect(line.filter { $0.isCJK }.count <= 16, "\(line) has too many characters")
                    #expect(!Self.isOrphan(line), "\(line) is alone on its line in \(cues)")
                    #expect(!SubtitleLayout.closingMarks.contains(line.first!), "\(line) starts with punctuation")
                }
            }
        }
    }

    /// One Latin word, or fewer than three CJK characters.
    static func isOrphan(_ text: String) -> Bool {
        let letters = text.filter { !$0.isPunctuation && !$0.isWhitespace && !SubtitleLayout.closingMarks.contains($0) }
        if letters.contains(where: \.isCJK) { return letters.count < 3 }
        return !text.contains(" ")
    }

    @Test func noCueIsShorterThanTheMinimumWhenTheLineLastsLongEnough() {
        let rate = FrameRate.fps24
        // A long first part and a short last one: in proportion the last would get 0.4 s.
        let cues = Self.vertical.cues(for: "Ben Walker: Working. Twelve years of night shifts. What are you doing here?",
                                      start: rate.time(frames: 700), duration: rate.time(frames: 66), rate: rate)
        #expect(cues.count == 2)
        #expect(cues.allSatisfy { $0.end - $0.start >= .seconds(1) }, "\(cues)")
        #expect(cues.first?.start == rate.time(frames: 700) && cues.last?.end == rate.time(frames: 766))
        #expect(cues[0].end == cues[1].start)
    }

    @Test func sharesRaiseShortPartsToTheMinimumAndKeepTheTotal() {
        #expect(SubtitleLayout.share(66, weights: [49, 24], minimum: 24) == [42, 24])
        #expect(SubtitleLayout.share(100, weights: [10, 10], minimum: 24) == [50, 50])
        #expect(SubtitleLayout.share(30, weights: [40, 10], minimum: 24) == [24, 6])
    }

    @Test func dualDialogueStacksTheFirstSpeakerOnTop() {
        let maya = SubtitleCue(start: .seconds(2), end: .seconds(5), text: "Maya Chen: Come with me.", speaker: "Maya Chen")
        let ben = SubtitleCue(start: .seconds(2), end: .seconds(5), text: "Ben: Stay with me.", speaker: "Ben")
        let stacked = SubtitleCue.stacked([maya, ben])
        #expect(stacked == [SubtitleCue(start: .seconds(2), end: .seconds(5), text: "Maya Chen: Come with me.\nBen: Stay with me.")])
        let ass = SubtitleWriter.ass([maya, ben], width: 720, height: 1280)
        #expect(ass.contains(",,Maya Chen: Come with me.\\NBen: Stay with me.\n"))
        #expect(ass.components(separatedBy: "Dialogue:").count == 2, "one event, not two for libass to stack")
        let srt = SubtitleWriter.srt([maya, ben])
        #expect(srt == "1\n00:00:02,000 --> 00:00:05,000\nMaya Chen: Come with me.\nBen: Stay with me.\n\n")
    }

    @Test func overlapsOfDifferentLengthsStackOnlyWhileBothAreOn() {
        let a = SubtitleCue(start: .seconds(1), end: .seconds(4), text: "A")
        let b = SubtitleCue(start: .seconds(2), end: .seconds(3), text: "B")
        let c = SubtitleCue(start: .seconds(5), end: .seconds(6), text: "C")
        #expect(SubtitleCue.stacked([c, b, a]).map { "\($0.start)-\($0.end) \($0.text)" }
            == ["1s-2s A", "2s-3s A\nB", "3s-4s A", "5s-6s C"])
    }
}
