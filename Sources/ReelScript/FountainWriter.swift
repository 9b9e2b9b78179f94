import ReelModel

/// Writes a ``Screenplay`` as Fountain text that the parser reads back to the same elements.
///
/// Each element is rendered on its own, separated from its neighbours by a blank line. The
/// parser reads an element in that position exactly as it reads the element alone in a
/// document, so the writer checks each rendering by parsing it alone: the plain form when it
/// reads back equal, else the forced form (`.`, `!`, `@`, `>`).
enum FountainWriter {
    static func write(_ screenplay: Screenplay) -> String {
        var out = ""
        for field in screenplay.titlePage {
            if field.values.count == 1, let value = field.values.first {
                out += "\(field.key): \(value)\n"
            } else {
                out += "\(field.key):\n"
                for value in field.values { out += "    \(value)\n" }
            }
        }
        let body = screenplay.elements.map { render($0.content) }.joined(separator: "\n\n")
        if !out.isEmpty {
            out += "\n"
        } else if body.hasPrefix("\u{FEFF}") || FountainTitlePage.startsWithKey(body) {
            out = "\n" // so the body is not read as a title page, nor its U+FEFF as a byte-order mark
        }
        out += body
        if !body.isEmpty { out += "\n" }
        return out
    }

    /// The text of one element, without surrounding blank lines.
    static func render(_ content: ScriptElement.Content) -> String {
        let options = candidates(content)
        for option in options where reads(option, as: content) { return option }
        return options.last ?? ""
    }

    /// Renderings to try, plainest first.
    private static func candidates(_ content: ScriptElement.Content) -> [String] {
        switch content {
        case .sceneHeading(let heading):
            let number = heading.sceneNumber.map { " #\($0)#" } ?? ""
            let forced = "." + heading.text + number
            return heading.forced ? [forced] : [heading.text + number, forced]
        case .action(let action):
            let forced = block("!" + action.text)
            return action.forced ? [forced] : [block(action.text), forced]
        case .dialogue(let dialogue):
            var cue = dialogue.character
            for ext in dialogue.extensions {
                cue += startsCJK(ext) ? "（\(ext)）" : " (\(ext))"
            }
            if dialogue.dual { cue += " ^" }
            let speech = dialogue.parts.map(render).map { "\n" + block($0) }.joined()
            return dialogue.forced ? ["@" + cue + speech] : [cue + speech, "@" + cue + speech]
        case .transition(let transition):
            let forced = "> " + transition.text
            return transition.forced ? [forced] : [transition.text, forced]
        case .centered(let lines):
            return [lines.map { "> \($0) <" }.joined(separator: "\n")]
        case .lyrics(let lines):
            return [lines.map { "~" + $0 }.joined(separator: "\n")]
        case .section(let level, let text):
            return [String(repeating: "#", count: max(1, level)) + " " + text]
        case .synopsis(let text):
            return ["= " + text]
        case .note(let text):
            return [block("[[" + text + (text.hasSuffix("]") ? " ]]" : "]]"))]
        case .pageBreak:
            return ["==="]
        case .boneyard(let text):
            return ["/*" + text + "*/"]
        }
    }

    private static func render(_ part: DialoguePart) -> String {
        switch part {
        case .parenthetical(let text): return startsCJK(text) ? "（\(text)）" : "(\(text))"
        case .line(let text): return text
        case .lyric(let text): return "~" + text
        }
    }

    /// Writes empty lines inside an element as two spaces, so they do not end it.
    private static func block(_ text: String) -> String {
        guard text.isEmpty || text.contains("\n") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "  " : String($0) }
            .joined(separator: "\n")
    }

    private static func startsCJK(_ text: String) -> Bool {
        text.first?.isCJK == true
    }

    private static func reads(_ text: String, as content: ScriptElement.Content) -> Bool {
        let parsed = FountainParser.parse(text, titlePage: false).elements
        return parsed.count == 1 && parsed.first?.content == content
    }
}
