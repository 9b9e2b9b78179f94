import ReelModel

/// Builds a ``Screenplay`` from the lines of a short-drama script (see ``ShortDrama``).
struct ShortDramaParser {
    private var titlePage: [TitlePageField] = []
    private var elements: [ScriptElement] = []
    private var cast: [String] = []
    private var episode: Int?
    private var episodes = 0
    private var seenHeading = false
    /// The speech whose words are on the lines after its `名字：`.
    private var openSpeech: Int?

    static func parse(_ text: String) -> Screenplay {
        var parser = ShortDramaParser()
        let lines = ShortDrama.lines(text)
        var i = 0
        while i < lines.count {
            let kind = ShortDramaLine.classify(lines[i])
            if case .heading(let h) = kind, h.isNumberOnly {
                // `场1-1` then `日 内 旧教室`: one heading over two lines.
                let next = lines[(i + 1)...].firstIndex { !ShortDramaText.trim($0).isEmpty }
                if let next, case .heading(var words) = ShortDramaLine.classify(lines[next]), words.number == nil {
                    words.number = h.number
                    parser.add(.heading(words), line: i + 1)
                    i = next + 1
                    continue
                }
                if !h.named {
                    // A bare `12` is a page number or a list, not a scene.
                    parser.add(.action(String(ShortDramaText.trim(lines[i])), marked: false), line: i + 1)
                    i += 1
                    continue
                }
            }
            parser.add(kind, line: i + 1)
            i += 1
        }
        return parser.screenplay
    }

    var screenplay: Screenplay {
        var page = titlePage
        if !cast.isEmpty { page.append(TitlePageField(key: Screenplay.castKey, values: cast)) }
        return Screenplay(titlePage: page, elements: elements)
    }

    private mutating func add(_ kind: ShortDramaLine, line: Int) {
        if case .blank = kind {
            openSpeech = nil
            return
        }
        if case .action(let text, marked: false) = kind, let open = openSpeech,
           case .dialogue(var d) = elements[open].content {
            // `名字：` alone, then the words.
            for part in ShortDramaText.speechParts(Substring(text)) {
                d.parts.append(part.aside ? .parenthetical(part.text) : .line(part.text))
            }
            elements[open].content = .dialogue(d)
            return
        }
        openSpeech = nil
        switch kind {
        case .blank:
            break
        case .episode(let text, let number):
            episode = number
            episodes += 1
            append(.section(level: 1, text: text), line)
        case .heading(let h):
            seenHeading = true
            var heading = h.sceneHeading
            if let number = heading.sceneNumber, !number.contains("-"), let episode, episodes > 0 {
                heading.sceneNumber = "\(episode)-\(number)"
            }
            for name in h.cast { addCast(name) }
            append(.sceneHeading(heading), line)
        case .cast(let names):
            for name in names { addCast(name) }
        case .speech(let name, let extensions, let parts):
            if parts.isEmpty { openSpeech = elements.count }
            append(.dialogue(Dialogue(character: name, extensions: extensions, parts: parts)), line)
        case .caption(let text):
            append(.centered([text]), line)
        case .transition(let text):
            append(.transition(Transition(text: text, forced: true)), line)
        case .note(let text):
            append(.note(text), line)
        case .field(let key, let value):
            if !seenHeading {
                titlePage.append(TitlePageField(key: key, values: [value]))
            } else if ["场景", "場景"].contains(key) {
                append(.action(Action(text: value)), line)
            } else {
                append(.note("\(key)：\(value)"), line)
            }
        case .action(let text, let marked):
            // Unmarked prose before the first scene is a synopsis, not a shot.
            append(!seenHeading && !marked ? .synopsis(text) : .action(Action(text: text)), line)
        }
    }

    private mutating func append(_ content: ScriptElement.Content, _ line: Int) {
        elements.append(ScriptElement(content, line: line))
    }

    private mutating func addCast(_ entry: String) {
        let name = Cast.canonicalName(entry)
        guard !name.isEmpty else { return }
        if let i = cast.firstIndex(where: { Cast.canonicalName($0) == name }) {
            if entry.count > cast[i].count { cast[i] = entry }  // keep the entry with the most said about them
        } else {
            cast.append(entry)
        }
    }
}
