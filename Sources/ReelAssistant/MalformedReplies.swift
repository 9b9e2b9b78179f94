import Foundation
import ReelModel

/// A corpus of malformed language-model replies whose content is all there, each with the
/// value it should read as: the documents the writer and planner ask for (outlines,
/// screenplays, shot lists, in English and Chinese), written the ways models really write
/// them — fenced, wrapped in prose, with trailing commas, comments, single or curly quotes,
/// full-width punctuation, unquoted keys, Python's literals, raw newlines in strings, a BOM,
/// closing brackets missing — alone and combined.
///
/// `make bench` measures how many ``StructuredOutput`` recovers without a second call (goal
/// ≥ 99%), and the test suite holds it to every one.
public enum MalformedReplies {
    /// One reply, and the document it should read as.
    public struct Case: Sendable {
        /// `fence+trailing-comma zh-screenplay`.
        public var name: String
        public var text: String
        public var expected: JSONValue
    }

    /// Every case: each style on each document.
    public static var all: [Case] {
        documents.flatMap { document in
            styles.compactMap { style in
                let text = style.write(document.value)
                // Raw newlines only mean something in a document with a newline in a string.
                if style.name == "raw-newlines", text == Writer().write(document.value) { return nil }
                return Case(name: "\(style.name) \(document.name)", text: text, expected: document.value)
            }
        }
    }

    // MARK: - The documents

    static let documents: [(name: String, value: JSONValue)] = [
        ("en-outline", [
            "title": "The Last Delivery", "logline": "A courier's last order is for the mother she left.",
            "characters": [["name": "MAYA", "description": "woman, 30s, courier in a soaked raincoat"],
                           ["name": "ROSE", "description": "woman, 60s, grey cardigan"]],
            "scenes": [["place": "City street", "interior": false, "time": "NIGHT", "summary": "Maya rides through the rain.", "beats": []],
                       ["place": "Rose's doorway", "interior": true, "time": "NIGHT", "summary": "The door opens.", "beats": []]],
        ]),
        ("en-screenplay", [
            "title": "The Last Delivery",
            "scenes": [["place": "Street", "interior": false, "time": "NIGHT", "beats": [
                ["action": "Rain hammers the street.\nNeon, puddles, one scooter."],
                ["character": "MAYA", "line": "One more. Then home.", "parenthetical": "to herself"],
                ["action": "Her phone buzzes — \"last order\", it says."],
            ]]],
        ]),
        ("zh-outline", [
            "title": "最后一单", "logline": "暴雨夜，外卖员的最后一单送到了十年未见的母亲家。",
            "characters": [["name": "林晚", "description": "女，28岁，外卖员，湿透的黄色雨衣"], ["name": "母亲", "description": "女，60岁"]],
            "scenes": [["place": "街道", "interior": false, "time": "夜", "summary": "林晚在暴雨中送餐：最后一单。", "beats": []]],
        ]),
        ("zh-screenplay", [
            "title": "最后一单",
            "scenes": [["place": "老房子门口", "interior": true, "time": "夜", "beats": [
                ["action": "林晚敲门。\n门开了，母亲愣住了。"],
                ["character": "母亲", "line": "晚晚？你……回来了？"],
                ["character": "林晚", "line": "您的外卖：一碗面，多放姜。", "parenthetical": "哽咽"],
            ]]],
        ]),
        ("shot-list", [
            "shots": [["id": "S01-01", "size": "EWS", "move": "push-in", "seconds": 4.5, "subjects": ["MAYA"], "continuity": true],
                      ["id": "S01-02", "size": "MCU", "move": "static", "seconds": 3, "subjects": [], "prompt": "a phone lights up, rain on the glass"]],
        ]),
    ]

    // MARK: - The styles

    struct Style {
        var name: String
        var write: (JSONValue) -> String
    }

    static var styles: [Style] {
        var out: [Style] = []
        func add(_ name: String, _ writer: Writer = Writer(), wrap: @escaping (String) -> String = { $0 }) {
            out.append(Style(name: name) { wrap(writer.write($0)) })
        }
        add("clean")
        add("fence", wrap: { "```json\n\($0)\n```" })
        add("bare-fence", wrap: { "```\n\($0)\n```" })
        add("prose-before", wrap: { "Sure! Here is the JSON you asked for:\n\n\($0)" })
        add("prose-after", wrap: { "\($0)\n\nLet me know if you want any changes." })
        add("prose-fence", wrap: { "好的，以下是结果：\n```json\n\($0)\n```\n希望对你有帮助！" })
        add("bom", wrap: { "\u{FEFF}\($0)" })
        add("trailing-comma", Writer(trailingCommas: true))
        add("full-width", Writer(fullWidth: true))
        add("curly-quotes", Writer(curlyQuotes: true))
        add("single-quotes", Writer(singleQuotes: true))
        add("unquoted-keys", Writer(unquotedKeys: true))
        add("python-literals", Writer(python: true))
        add("comments", Writer(comments: true))
        add("raw-newlines", Writer(rawNewlines: true))
        add("truncated", wrap: { Self.dropClosers($0) })
        add("pretty", Writer(indent: true))
        add("fence+trailing-comma", Writer(trailingCommas: true), wrap: { "```json\n\($0)\n```" })
        add("full-width+trailing-comma", Writer(trailingCommas: true, fullWidth: true))
        add("curly+full-width+prose", Writer(fullWidth: true, curlyQuotes: true), wrap: { "大纲如下：\n\($0)" })
        add("pretty+comments+trailing-comma", Writer(trailingCommas: true, comments: true, indent: true))
        add("prose+truncated", wrap: { "Here you go:\n" + Self.dropClosers($0) })
        add("fence+python+single", Writer(singleQuotes: true, python: true), wrap: { "```json\n\($0)\n```" })
        return out
    }

    /// The document with its closing brackets cut off, as a reply stopped at the last value.
    static func dropClosers(_ text: String) -> String {
        var cut = text
        while let last = cut.last, "}]".contains(last) || last.isWhitespace { cut.removeLast() }
        return cut
    }

    /// Writes JSON the ways models do.
    struct Writer {
        var trailingCommas = false
        var fullWidth = false
        var curlyQuotes = false
        var singleQuotes = false
        var unquotedKeys = false
        var python = false
        var comments = false
        var rawNewlines = false
        var indent = false

        func write(_ value: JSONValue) -> String {
            var out = ""
            write(value, depth: 0, into: &out)
            return out
        }

        private var comma: String { fullWidth ? "，" : "," }
        private var colon: String { fullWidth ? "：" : ": " }

        private func newline(_ depth: Int) -> String { indent ? "\n" + String(repeating: "  ", count: depth) : "" }

        private func write(_ value: JSONValue, depth: Int, into out: inout String) {
            switch value {
            case .null: out += python ? "None" : "null"
            case .bool(let b): out += python ? (b ? "True" : "False") : (b ? "true" : "false")
            case .int(let i): out += String(i)
            case .double(let d): out += String(d)
            case .string(let s): out += string(s)
            case .array(let items):
                out += fullWidth ? "［" : "["
                for (i, item) in items.enumerated() {
                    out += newline(depth + 1)
                    write(item, depth: depth + 1, into: &out)
                    if i < items.count - 1 || trailingCommas { out += comma }
                }
                out += (items.isEmpty ? "" : newline(depth)) + (fullWidth ? "］" : "]")
            case .object(let fields):
                out += fullWidth ? "｛" : "{"
                let keys = fields.keys.sorted()
                for (i, key) in keys.enumerated() {
                    out += newline(depth + 1)
                    if comments, i == 0 { out += indent ? "// \(key) first" + newline(depth + 1) : "/* \(key) first */ " }
                    out += unquotedKeys ? key : string(key)
                    out += colon
                    write(fields[key]!, depth: depth + 1, into: &out)
                    if i < keys.count - 1 || trailingCommas { out += comma }
                }
                out += (keys.isEmpty ? "" : newline(depth)) + (fullWidth ? "｝" : "}")
            }
        }

        private func string(_ s: String) -> String {
            var body = ""
            for c in s {
                switch c {
                case "\\": body += "\\\\"
                case "\"": body += (singleQuotes || curlyQuotes) ? "\"" : "\\\""
                case "'": body += singleQuotes ? "\\'" : "'"
                case "\n": body += rawNewlines ? "\n" : "\\n"
                default: body.append(c)
                }
            }
            if curlyQuotes { return "“" + body + "”" }
            if singleQuotes { return "'" + body + "'" }
            return "\"" + body + "\""
        }
    }
}
