import ReelModel

extension ShortDrama {
    /// A line read as action that looks like short-drama speech (`小雨：他又没回消息。`).
    public struct UnspokenLine: Hashable, Sendable {
        /// 1-based line in the source.
        public var line: Int
        public var speaker: String
        public var text: String
    }

    /// The action lines of a Fountain-read `screenplay` that look like `名字：台词` speech and
    /// so get no voice and no subtitle: every such line when the script has no dialogue at
    /// all, else those whose name is one of the script's speakers.
    public static func unspokenLines(in screenplay: Screenplay) -> [UnspokenLine] {
        let speakers = Set(screenplay.elements.compactMap { element -> String? in
            if case .dialogue(let d) = element.content { return Cast.canonicalName(d.character) }
            return nil
        })
        var found: [UnspokenLine] = []
        for element in screenplay.elements {
            // Speech is `name：words`: a paragraph without a colon has none, and is not split.
            guard case .action(let action) = element.content, UTF8Scan.contains(action.text, ":") || UTF8Scan.contains(action.text, "：") else { continue }
            for (offset, line) in action.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = ShortDramaText.trim(line)
                // Speech is `name：words`: a line without a colon is not, and is not classified.
                guard trimmed.contains(where: { $0 == "：" || $0 == ":" }),
                      case .speech(let name, _, let parts) = ShortDramaLine.classify(trimmed),
                      name.contains(where: \.isCJK) || trimmed.contains("："),
                      parts.contains(where: { if case .line = $0 { true } else { false } }),
                      speakers.isEmpty || speakers.contains(name)
                else { continue }
                found.append(UnspokenLine(line: element.line + offset, speaker: name, text: String(trimmed)))
            }
        }
        return found
    }

    /// What to tell the user about a Fountain-read script, or nothing: lines that look like
    /// speech but will be shown as action, without voices or subtitles.
    /// - Parameter path: the script's path, for the line's location.
    public static func warnings(fountain screenplay: Screenplay, path: String) -> [String] {
        let lines = unspokenLines(in: screenplay)
        guard let first = lines.first else { return [] }
        let count = lines.count == 1 ? "1 line looks" : "\(lines.count) lines look"
        return ["\(path):\(first.line): \(count) like speech (`\(first.text)`) but \(lines.count == 1 ? "is" : "are") read as "
            + "Fountain action, so \(first.speaker) gets no voice and no subtitles; read the script as a Chinese short-drama "
            + "script with `--format zh`, or put the speaker's name on a line of its own above the words"]
    }
}
