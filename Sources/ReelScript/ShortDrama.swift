import Foundation
import ReelModel

/// Reads Chinese short-drama (短剧) scripts, the format most scripts in China are written in,
/// into the same ``Screenplay`` the Fountain parser makes, so planning, voices and
/// subtitles work unchanged.
///
/// ```
/// 剧名：雨夜外卖
/// 人物：小雨（女，24岁）、阿杰（男，26岁）
///
/// 1-1 夜 内 出租屋
/// △窗外下着大雨。小雨坐在床边，盯着手机。
/// 小雨：他又没回消息。
/// 小雨（OS）：也许他真的忘了。
/// 【叠化】
/// ```
///
/// What each line becomes:
/// - **Scene headings** (``ShortDramaHeading``): `1-1 夜 内 出租屋`, `1-1 李少安家 日 内`,
///   `第1场 日 外 街道`, `1 张三卧室 日内`, `23-1，外，武當山玄嶽門，日`, `内景 客厅 清晨`;
///   `场1-1` alone takes its words from the next line. The heading is written as
///   `内景 出租屋 夜` with scene number `1-1`, so its setting, place and time reach the
///   storyboard. After `第二集`, a scene number without a dash becomes `2-N`.
/// - **Speech**: `角色：台词` with a full-width or ASCII colon. Parentheses after the name
///   (`角色（哽咽）：`) and inline asides (`（小声）啰嗦。`) are parentheticals; `（OS）`/`（os）`,
///   `（内心）` are voice-over (`V.O.`), `（画外音）`/`（旁白）` stay `画外音`; a bare `画外音：` or
///   `旁白：` speaks as a narrator. `角色：` alone takes its words from the lines after it.
/// - **Action**: lines starting with `△` (or `▲`), and any other line; prose before the
///   first heading is a synopsis.
/// - **On-screen text**: `△字幕：…`, `【字幕：…】`, `字幕：…` become centered text (a card).
/// - **Brackets**: `【叠化】`, `【转场：淡出】`, and bare `切至`, `淡入`, `闪回` are transitions;
///   other `【…】` (`【音效：雷声】`) are notes on the shot.
/// - **Cast**: `人物：A、B` (also `出场人物：`) and names listed in a heading go to the title
///   page's ``Screenplay/castKey`` field, so characters who never speak are known too, and
///   `小雨（女，24岁）` tells the voice.
/// - **Title page**: `剧名：…`, `编剧：…` and similar before the first heading, or `《剧名》`.
/// - `第一集` is a section.
public enum ShortDrama {
    /// Parses a short-drama script. Never fails: any text is some screenplay.
    public static func parse(_ text: String) -> Screenplay {
        ShortDramaParser.parse(text)
    }

    /// Reads a script file's bytes, with the same checks as ``Fountain/parse(data:path:)``
    /// (empty, binary, UTF-16, invalid UTF-8).
    public static func parse(data: Data, path: String) throws -> Screenplay {
        parse(try text(of: data, path: path))
    }

    /// A script file's text, after the checks every script gets (see ``parse(data:path:)``).
    public static func text(of data: Data, path: String) throws -> String {
        try data.withUnsafeBytes { raw in
            try Fountain.checkText(raw.bindMemory(to: UInt8.self), path: path)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The lines of `text`: a byte-order mark dropped, CRLF, LF and CR endings alike.
    static func lines(_ text: String) -> [Substring] { lines(Substring(text)) }

    static func lines(_ text: Substring) -> [Substring] {
        var body = text
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, so splitting on characters handles all three endings.
        return body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    }
}
