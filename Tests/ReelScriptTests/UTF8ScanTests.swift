import Testing

@testable import ReelScript

/// The planner's byte pre-checks find exactly what they look for: full-width forms whole,
/// ASCII case folded only when asked.
@Suite struct UTF8ScanTests {
    @Test(arguments: [
        ("小雨：他又没回消息。", "：", false, true),
        ("MAYA: hi", ":", false, true),
        ("No colon here.", ":", false, false),
        ("你疯了！！", "！！", false, true),
        ("你疯了！", "！！", false, false),
        ("Stop!!", "!!", false, true),
        ("Stop! Now!", "!!", false, false),
        ("HER HANDS shake", "her", true, true),
        ("HER HANDS shake", "her", false, false),
        ("He ran.", "her", true, false),
        ("", ":", false, false),
    ])
    func findsTheBytesItIsAskedFor(text: String, needle: String, ignoringCase: Bool, found: Bool) {
        #expect(UTF8Scan.contains(text, needle, ignoringASCIICase: ignoringCase) == found, "\(text) / \(needle)")
        #expect(UTF8Scan.contains(text[...], needle, ignoringASCIICase: ignoringCase) == found, "as a Substring")
    }
}
