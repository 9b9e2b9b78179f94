import Foundation
import ReelModel

/// Reads a model's answer into a ``DraftScreenplay``: repairs the JSON
/// (``StructuredOutput``), coerces what is safe to coerce (a number where text was asked,
/// `"INT"` or `"内"` for inside, characters as plain names, a beat written `NAME: line`),
/// and lists every problem it cannot mend, each with its place in the document, so the
/// writer can send them back to the model in one retry.
public enum DraftReader {
    /// What came of reading one answer.
    public struct Result: Sendable, Hashable {
        /// The document, when it has no problems.
        public var draft: DraftScreenplay?
        /// What is wrong, one line each (`scenes[2].place is missing`).
        public var problems: [String]
        /// The JSON repairs that were needed.
        public var repairs: [StructuredOutput.Repair]
    }

    /// Reads `text`; `beats` says whether scenes must have beats (a screenplay) or not (an outline).
    public static func read(_ text: String, beats: Bool) -> Result {
        guard let json = answerJSON(text, cutOff: "reply with the whole document, shorter") else {
            return Result(draft: nil, problems: [Reading<DraftScreenplay>.notJSONProblem], repairs: [])
        }
        let answer = json.answer
        var problems = json.problems
        let draft = read(answer.value, beats: beats, problems: &problems)
        return Result(draft: problems.isEmpty ? draft : nil, problems: problems, repairs: answer.repairs)
    }

    static func read(_ value: JSONValue, beats wantsBeats: Bool, problems: inout [String]) -> DraftScreenplay {
        let root = value.objectValue ?? value.arrayValue?.first?.objectValue ?? [:]
        if root.isEmpty { problems.append("the answer must be a JSON object with title, characters and scenes") }
        let title = text(root["title"]) ?? ""
        if title.isEmpty, !root.isEmpty { problems.append("title is missing") }
        let characters = readCharacters(root["characters"], problems: &problems)
        var scenes: [DraftScreenplay.Scene] = []
        let sceneValues = root["scenes"]?.arrayValue ?? []
        if sceneValues.isEmpty, !root.isEmpty { problems.append("scenes is missing or empty") }
        for (i, value) in sceneValues.enumerated() {
            let at = "scenes[\(i)]"
            guard let scene = value.objectValue else {
                problems.append("\(at) must be an object")
                continue
            }
            let place = text(scene["place"] ?? scene["location"] ?? scene["setting"]) ?? ""
            if place.isEmpty { problems.append("\(at).place is missing") }
            let beats = readBeats(scene["beats"] ?? scene["lines"], at: at, cast: characters.map(\.name), problems: &problems)
            if wantsBeats, beats.isEmpty { problems.append("\(at).beats is missing or empty") }
            scenes.append(DraftScreenplay.Scene(
                place: place, interior: interior(scene["interior"] ?? scene["int_ext"] ?? scene["inside"]),
                time: text(scene["time"] ?? scene["time_of_day"]) ?? "", summary: text(scene["summary"]) ?? "", beats: beats))
        }
        var draft = DraftScreenplay(title: title, logline: text(root["logline"]) ?? "", characters: characters, scenes: scenes)
        // Someone who speaks is a character, described or not.
        let known = Set(draft.characters.map { $0.name.uppercased() })
        var added: Set<String> = []
        for scene in scenes {
            for case .line(let name, _, _) in scene.beats where !known.contains(name.uppercased()) && added.insert(name.uppercased()).inserted {
                draft.characters.append(.init(name: name, description: ""))
            }
        }
        return draft
    }

    static func readCharacters(_ value: JSONValue?, problems: inout [String]) -> [DraftScreenplay.Character] {
        if let object = value?.objectValue {   // {"LIN": "20s, courier"}
            return object.keys.sorted().map { .init(name: $0, description: text(object[$0]) ?? "") }
        }
        var out: [DraftScreenplay.Character] = []
        for (i, item) in (value?.arrayValue ?? []).enumerated() {
            if let name = text(item), !name.isEmpty {
                out.append(.init(name: name, description: ""))
            } else if let object = item.objectValue, let name = text(object["name"]), !name.isEmpty {
                out.append(.init(name: name, description: text(object["description"] ?? object["desc"]) ?? ""))
            } else {
                problems.append("characters[\(i)] needs a name")
            }
        }
        return out
    }

    static func readBeats(_ value: JSONValue?, at: String, cast: [String], problems: inout [String]) -> [DraftScreenplay.Beat] {
        var out: [DraftScreenplay.Beat] = []
        for (i, item) in (value?.arrayValue ?? []).enumerated() {
            if let line = text(item) {
                out.append(beat(fromLine: line, cast: cast))
            } else if let object = item.objectValue {
                let speaker = text(object["character"] ?? object["speaker"] ?? object["name"])
                let said = text(object["line"] ?? object["dialogue"] ?? object["text"])
                if let speaker, !speaker.isEmpty, let said, !said.isEmpty {
                    // `林晚（OS）`, `MAYA (V.O.)`: the name, and how the line is said.
                    let (name, extra) = splitAside(speaker)
                    let aside = text(object["parenthetical"]).flatMap { $0.isEmpty ? nil : $0 } ?? extra
                    out.append(.line(character: name, text: said, parenthetical: aside))
                } else if let action = text(object["action"] ?? object["text"]), !action.isEmpty {
                    out.append(.action(action))
                } else {
                    problems.append("\(at).beats[\(i)] needs an action, or a character and a line")
                }
            } else {
                problems.append("\(at).beats[\(i)] must be an object")
            }
        }
        return out
    }

    /// `LIN: Where were you?` or `林晚：你去哪了？` is a line when the name is in the cast, a cue
    /// in capitals, or a short Chinese name; anything else — `Time: 3 a.m.`, `手机屏幕显示：妈妈来电`,
    /// `他说：走吧` — is action.
    static func beat(fromLine line: String, cast: [String]) -> DraftScreenplay.Beat {
        if let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            let (name, aside) = splitAside(line[..<colon].trimmingCharacters(in: .whitespaces))
            let said = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let known = cast.contains { $0.lowercased() == name.lowercased() }
            // A cue in capitals (`COP: Freeze!`), or a short Chinese name (`老板：…`) that is not someone saying
            // or a screen showing something (`他说：`, `屏幕显示：`).
            let capitals = name.count <= 24 && !notCues.contains(name)
                && name.allSatisfy { ($0.isASCII && $0.isUppercase) || $0 == " " } && name.contains(where: \.isLetter)
            let chinese = (1...4).contains(name.count) && name.unicodeScalars.allSatisfy(Language.isCJK)
                && !["说", "道", "问", "喊", "示", "着", "写", "字"].contains { name.hasSuffix($0) }
            let cue = capitals || chinese
            if !said.isEmpty, known || cue {
                return .line(character: name, text: said, parenthetical: aside)
            }
        }
        return .action(line)
    }

    /// Capital words before a colon that are not characters.
    static let notCues: Set<String> = ["SUPER", "TITLE", "NOTE", "TIME", "INT", "EXT", "CUT TO", "FADE IN", "FADE OUT", "INSERT",
                                       "BACK TO", "LATER", "MONTAGE", "CARD", "CAPTION", "TEXT", "SIGN", "SCREEN"]

    /// `林晚（OS）` → (`林晚`, `OS`); a name without brackets stays as it is.
    static func splitAside(_ name: String) -> (String, String?) {
        guard let open = name.firstIndex(where: { $0 == "(" || $0 == "（" }), open != name.startIndex else { return (name, nil) }
        let aside = name[name.index(after: open)...].trimmingCharacters(in: CharacterSet(charactersIn: ")） "))
        return (name[..<open].trimmingCharacters(in: .whitespaces), aside.isEmpty ? nil : aside)
    }

    /// Text, from a string or a number; nil for anything else.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s): s.trimmingCharacters(in: .whitespacesAndNewlines)
        case .int(let i): String(i)
        case .double(let d): String(d)
        default: nil
        }
    }

    /// Inside unless it says outside: `false`, `"EXT"`, `"exterior"`, `"外"`.
    static func interior(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let b): return b
        case .string(let s):
            let word = s.lowercased()
            return !(word.hasPrefix("ext") || word.hasPrefix("out") || word.contains("外") || word == "false")
        default: return true
        }
    }
}
