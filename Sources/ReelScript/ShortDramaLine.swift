import Foundation
import ReelModel

/// One line of a Chinese short-drama script, by what it is.
enum ShortDramaLine: Hashable {
    case blank
    /// `第一集`.
    case episode(String, number: Int?)
    /// `1-1 夜 内 出租屋`; a number alone (`场1-1`) has its words on the next line.
    case heading(ShortDramaHeading)
    /// `人物：李少安、债主甲`.
    case cast([String])
    /// `小雨：他又没回消息。`, `小雨（OS）：`, `阿杰（小声）：走吧`.
    case speech(name: String, extensions: [String], parts: [DialoguePart])
    /// `△字幕：三年后`, `【字幕：三年后】`, `字幕：三年后`: words on screen.
    case caption(String)
    /// `【叠化】`, `【音效：雷声】`, `切至`: a transition when it names one, else a note.
    case transition(String)
    case note(String)
    /// `剧名：雨夜外卖`: a title-page field (before the first heading) or a note.
    case field(key: String, value: String)
    /// `△门开了。` (`marked`), or any other line.
    case action(String, marked: Bool)

    /// Reads one line (without its line ending).
    static func classify(_ raw: Substring) -> ShortDramaLine {
        let line = ShortDramaText.trim(raw)
        guard !line.isEmpty else { return .blank }
        if line.first == "△" || line.first == "▲" {
            let text = ShortDramaText.trim(line.dropFirst())
            if let (key, value) = split(text), key == "字幕" { return .caption(value) }
            return .action(String(text), marked: true)
        }
        if line.first == "【", line.last == "】" {
            let inner = ShortDramaText.trim(line.dropFirst().dropLast())
            if let (key, value) = split(inner) {
                if key == "字幕" { return .caption(value) }
                if key == "转场" || key == "轉場" { return .transition(value) }
            }
            return transitionWords.contains(String(inner)) ? .transition(String(inner)) : .note(String(inner))
        }
        if transitionWords.contains(String(line.trimmingSuffix("：:。"))) { return .transition(String(line.trimmingSuffix("：:。"))) }
        if line.hasPrefix("第"), let end = line.firstIndex(where: { $0 == "集" }),
           ShortDramaText.trim(line[line.index(after: end)...]).count <= 20 {
            let number = ShortDramaText.integer(line[line.index(after: line.startIndex)..<end])
            if number != nil { return .episode(String(line), number: number) }
        }
        if let heading = ShortDramaHeading(line) { return .heading(heading) }
        if let (key, value) = split(line) {
            if castKeys.contains(key) { return .cast(ShortDramaText.names(in: Substring(value))) }
            if key == "字幕" { return .caption(value) }
            if fieldKeys.contains(key) { return .field(key: key, value: value) }
            if let speech = speech(key: Substring(key), value: Substring(value)) { return speech }
        }
        if let first = line.first, "《".contains(first), line.last == "》" { return .field(key: "Title", value: String(line.dropFirst().dropLast())) }
        return .action(String(line), marked: false)
    }

    /// `名字（OS）` and `台词` → a speech, or nil when the key is not a name.
    static func speech(key: Substring, value: Substring) -> ShortDramaLine? {
        var name = ShortDramaText.trim(key)
        var extensions: [String] = []
        var parts: [DialoguePart] = []
        // Parenthesised words after the name: a voice marker is an extension, anything else an aside.
        while name.last == ")" || name.last == "）", let open = name.lastIndex(where: { $0 == "(" || $0 == "（" }) {
            let inner = ShortDramaText.trim(name[name.index(after: open)..<name.index(before: name.endIndex)])
            if let voice = voiceMarker(inner) { extensions.insert(voice, at: 0) } else if !inner.isEmpty { parts.insert(.parenthetical(String(inner)), at: 0) }
            name = ShortDramaText.trim(name[..<open])
        }
        guard ShortDramaText.isName(name) else { return nil }
        for part in ShortDramaText.speechParts(value) {
            if part.aside, parts.allSatisfy({ if case .line = $0 { false } else { true } }), let voice = voiceMarker(Substring(part.text)) {
                if !extensions.contains(voice) { extensions.append(voice) }
            } else {
                parts.append(part.aside ? .parenthetical(part.text) : .line(part.text))
            }
        }
        if ["画外音", "旁白", "畫外音"].contains(String(name)), extensions.isEmpty { extensions = ["画外音"] }
        return .speech(name: String(name), extensions: extensions, parts: parts)
    }

    /// `OS`/`os`/`内心`/`心声` (inner monologue) → `V.O.`; `画外音`/`旁白` → `画外音`; `V.O.`, `O.S.` kept.
    static func voiceMarker(_ s: Substring) -> String? {
        let word = s.uppercased().replacingOccurrences(of: " ", with: "")
        if ["OS", "内心OS", "內心OS", "内心", "內心", "心声", "心聲", "独白", "内心独白", "VO", "V.O."].contains(word) { return "V.O." }
        if ["画外音", "畫外音", "旁白", "画外"].contains(word) { return "画外音" }
        if ["O.S.", "O.C."].contains(word) { return word }
        return nil
    }

    /// `键：值` with a full-width or ASCII colon; the key without spaces around it.
    static func split(_ line: Substring) -> (String, String)? {
        guard let colon = line.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
        let key = ShortDramaText.trim(line[..<colon])
        guard !key.isEmpty else { return nil }
        return (String(key), String(ShortDramaText.trim(line[line.index(after: colon)...])))
    }

    static let castKeys: Set<String> = ["人物", "出场人物", "出場人物", "出场角色", "登场人物", "主要人物", "角色"]
    static let fieldKeys: Set<String> = [
        "剧名", "劇名", "片名", "标题", "標題", "剧本", "作者", "编剧", "編劇", "导演", "導演", "集数", "集數", "类型", "類型",
        "题材", "簡介", "简介", "梗概", "故事梗概", "时长", "時長", "日期", "场景", "場景", "地点", "地點", "时间", "時間", "备注", "備註",
    ]
    static let transitionWords: Set<String> = [
        "切", "切至", "切到", "同场切", "切换", "叠化", "疊化", "淡入", "淡出", "闪白", "閃白", "闪黑", "閃黑", "黑屏", "闪入", "閃入",
        "闪出", "閃出", "闪回", "閃回", "转场", "轉場", "渐黑", "渐隐", "定格",
    ]
}

private extension Substring {
    func trimmingSuffix(_ characters: String) -> Substring {
        var s = self
        while let last = s.last, characters.contains(last) { s = s.dropLast() }
        return s
    }
}
