import Foundation
import ReelModel
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

@Suite("Panel text")
struct PanelTextTests {
    @Test func englishWrapsBetweenWords() {
        let lines = PanelText.wrap("Maya slams the mug down and walks out of the kitchen.", size: 20, maxWidth: 240,
                                   maxLines: 5)
        #expect(lines.count > 1)
        for line in lines {
            #expect(PanelText.width(line, size: 20) <= 240)
            #expect(!line.hasPrefix(" ") && !line.hasSuffix(" "))
        }
        #expect(lines.joined(separator: " ") == "Maya slams the mug down and walks out of the kitchen.")
    }

    @Test func longTextIsTruncatedWithAnEllipsisAfterThreeLines() {
        let text = String(repeating: "The rain keeps falling on the empty street. ", count: 10)
        let lines = PanelText.wrap(text, size: 20, maxWidth: 300, maxLines: 3)
        #expect(lines.count == 3)
        #expect(lines[2].hasSuffix("…"))
        #expect(PanelText.width(lines[2], size: 20) <= 300)
    }

    @Test func shortTextIsNotTruncated() {
        #expect(PanelText.wrap("He nods.", size: 20, maxWidth: 300, maxLines: 3) == ["He nods."])
    }

    @Test func chineseWrapsBetweenCharacters() {
        let text = "林晓望着城市的灯火，轻声说：我们明天就要离开这里了。"
        let lines = PanelText.wrap(text, size: 20, maxWidth: 200, maxLines: 5)
        #expect(lines.count == 3)
        #expect(lines.joined() == text)
        for line in lines { #expect(PanelText.width(line, size: 20) <= 200) }
    }

    @Test func chinesePunctuationNeverStartsALine() {
        for width in stride(from: 100.0, through: 300, by: 20) {
            let lines = PanelText.wrap("他说：“好。”然后，她笑了！我们走吧。", size: 20, maxWidth: width, maxLines: 9)
            for line in lines.dropFirst() {
                #expect(!"，。！？：；”」）、".contains(line.first!), "\(line) at \(width)")
            }
        }
    }

    @Test func chineseIsTruncatedAfterThreeLines() {
        let text = String(repeating: "我一直在等你的回答。", count: 8)
        let lines = PanelText.wrap(text, size: 20, maxWidth: 200, maxLines: 3)
        #expect(lines.count == 3)
        #expect(lines[2].hasSuffix("…"))
    }

    @Test func mixedScriptsWrap() {
        let lines = PanelText.wrap("她打开 MacBook，看到 Ben 的消息 about the deal。", size: 20, maxWidth: 160, maxLines: 6)
        #expect(lines.contains { $0.contains("MacBook") })
        for line in lines { #expect(PanelText.width(line, size: 20) <= 160) }
    }

    @Test func aWordLongerThanTheLineIsBroken() {
        let lines = PanelText.wrap("Supercalifragilisticexpialidocious", size: 20, maxWidth: 120, maxLines: 5)
        #expect(lines.count > 1)
        for line in lines { #expect(PanelText.width(line, size: 20) <= 120) }
    }

    @Test func theCaptionLayoutWrapsChineseInsideTheFrame() throws {
        let spec = PanelSpec(width: 720, height: 1280, caption: String(repeating: "林晓望着城市的灯火。", count: 10))
        let layout = PanelLayout.make(spec)
        let caption = try #require(layout.caption)
        #expect(caption.lines.count == CaptionLayout.maxLines)
        #expect(caption.lines.last?.hasSuffix("…") == true)
        for box in caption.lineBoxes { #expect(layout.frame.contains(box)) }
    }
}
