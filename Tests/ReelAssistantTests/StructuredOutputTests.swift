import Foundation
import ReelModel
import Testing

@testable import ReelAssistant

/// What models really return, made here: four answers (English and Chinese, flat and nested)
/// written in every combination of the mistakes models make. Every one whose content is all
/// there must read back to exactly the answer, with the repairs named; a cut-off one must be
/// read and flagged as truncated.
struct StructuredOutputTests {
    static let answers: [JSONValue] = [
        ["title": "The Last Train", "logline": "Two old friends meet on a platform at midnight.", "minutes": 2, "vertical": true],
        ["scenes": [["heading": "INT. KITCHEN - NIGHT", "beats": ["She burns the toast.", "He laughs."]],
                    ["heading": "EXT. ROOF - DAWN", "beats": ["They watch the sun come up."], "music": .null]]],
        ["剧名": "雨夜外卖", "人物": ["小雨", "阿杰"], "梗概": "小雨说：“他又没回消息。”门铃响了。", "集数": 1],
        ["shots": [["id": "S01-01", "size": "WS", "seconds": 2.5, "prompt": "雨夜，出租屋窗外，霓虹灯"],
                   ["id": "S01-02", "size": "CU", "seconds": 3, "prompt": "Close on her phone: 'no reply'", "subjects": ["小雨"]]]],
    ]

    /// The mistakes, each a way of writing JSON.
    struct Style: OptionSet, Hashable, CustomStringConvertible {
        let rawValue: Int
        static let singleQuotes = Style(rawValue: 1)
        static let unquotedKeys = Style(rawValue: 2)
        static let trailingCommas = Style(rawValue: 4)
        static let fullWidth = Style(rawValue: 8)
        static let curlyQuotes = Style(rawValue: 16)
        static let python = Style(rawValue: 32)
        static let comments = Style(rawValue: 64)
        static let newlines = Style(rawValue: 128)
        var description: String { String(rawValue, radix: 2) }
    }

    /// `value` written with the mistakes of `style`.
    static func write(_ value: JSONValue, _ style: Style) -> String {
        let comma = style.contains(.fullWidth) ? "，" : ","
        let colon = style.contains(.fullWidth) ? "：" : ":"
        func string(_ s: String) -> String {
            var body = s.replacingOccurrences(of: "\\", with: "\\\\")
            if style.contains(.newlines) { body = body.replacingOccurrences(of: ". ", with: ".\n") }
            if style.contains(.curlyQuotes), !s.contains("“"), !s.contains("”") { return "“\(body)”" }
            if style.contains(.singleQuotes), !s.contains("'") { return "'\(body)'" }
            return "\"\(body.replacingOccurrences(of: "\"", with: "\\\""))\""
        }
        func key(_ k: String) -> String {
            style.contains(.unquotedKeys) && k.allSatisfy({ $0.isLetter || $0.isNumber }) ? k : string(k)
        }
        func go(_ v: JSONValue) -> String {
            switch v {
            case .null: return style.contains(.python) ? "None" : "null"
            case .bool(let b): return style.contains(.python) ? (b ? "True" : "False") : (b ? "true" : "false")
            case .int(let i): return String(i)
            case .double(let d): return String(d)
            case .string(let s): return string(s)
            case .array(let items):
                let open = style.contains(.fullWidth) ? "［" : "["
                let close = style.contains(.fullWidth) ? "］" : "]"
                return open + items.map(go).joined(separator: comma + " ") + (style.contains(.trailingCommas) && !items.isEmpty ? comma : "") + close
            case .object(let fields):
                let open = style.contains(.fullWidth) ? "｛" : "{"
                let close = style.contains(.fullWidth) ? "｝" : "}"
                let body = fields.keys.sorted().map { k in
                    (style.contains(.comments) ? "\n  // \(k)\n  " : "\n  ") + key(k) + colon + " " + go(fields[k]!)
                }
                return open + body.joined(separator: comma) + (style.contains(.trailingCommas) ? comma : "") + "\n" + close
            }
        }
        return go(value)
    }

    /// How a reply wraps the JSON.
    static let wrappers: [(String, @Sendable (String) -> String)] = [
        ("bare", { $0 }),
        ("fenced", { "```json\n\($0)\n```" }),
        ("chatty", { "Sure! Here is the JSON you asked for:\n\n```\n\($0)\n```\n\nLet me know if you want changes." }),
        ("prose", { "好的，以下是结果：\n\($0)\n希望对你有帮助。" }),
    ]

    /// Every answer × wrapper × a set of mistakes (each alone, and the common mixtures).
    static var corpus: [(name: String, text: String, value: JSONValue)] {
        let styles: [Style] = [[], .singleQuotes, .unquotedKeys, .trailingCommas, .fullWidth, .curlyQuotes, .python, .comments,
                               .newlines, [.fullWidth, .curlyQuotes], [.trailingCommas, .comments, .unquotedKeys],
                               [.singleQuotes, .python, .trailingCommas], [.fullWidth, .trailingCommas, .newlines]]
        var out: [(String, String, JSONValue)] = []
        for (a, answer) in answers.enumerated() {
            for style in styles {
                for (w, wrap) in wrappers where style.isEmpty || w != "bare" || a % 2 == 0 {
                    out.append(("answer \(a) style \(style) \(w)", wrap(write(answer, style)), answer))
                }
            }
        }
        return out
    }

    static func normalized(_ v: JSONValue) -> JSONValue {
        switch v {
        case .string(let s): .string(s.replacingOccurrences(of: ".\n", with: ". "))
        case .array(let items): .array(items.map(normalized))
        case .object(let fields): .object(fields.mapValues(normalized))
        case .double(let d) where d == d.rounded(): .int(Int64(d))
        default: v
        }
    }

    @Test func atLeast99InAHundredMalformedAnswersAreReadExactly() throws {
        let corpus = Self.corpus
        #expect(corpus.count >= 100, "the corpus has \(corpus.count)")
        var failures: [String] = []
        for item in corpus {
            guard let answer = try? StructuredOutput.parse(item.text) else {
                failures.append("\(item.name): unreadable"); continue
            }
            if Self.normalized(answer.value) != Self.normalized(item.value) { failures.append("\(item.name): \(answer.value)") }
            if answer.truncated { failures.append("\(item.name): called truncated") }
        }
        let recovered = Double(corpus.count - failures.count) / Double(corpus.count)
        #expect(recovered >= 0.99, "\(failures.count) of \(corpus.count) not recovered: \(failures.prefix(5))")
    }

    @Test func eachRepairIsNamed() throws {
        let reply = try StructuredOutput.parse("好的：```json\n{“title”：“雨夜”， 'n': True, count: 2, // why\n}\n```")
        #expect(reply.value == ["title": "雨夜", "n": true, "count": 2])
        #expect(Set(reply.repairs) == [.fence, .fullWidth, .singleQuotes, .literal, .unquotedKey, .comment, .trailingComma])
        #expect(try StructuredOutput.parse(#"{"a": [1, 2]}"#).repairs.isEmpty, "good JSON needs nothing")
        #expect(try StructuredOutput.parse(#"{"rate": 1.5e-3, "n": -2, "big": 2E+2}"#).value == ["rate": 0.0015, "n": -2, "big": 200])
    }

    static let cutOff: [(String, JSONValue)] = [
        (#"{"title": "Rain", "beats": ["one", "tw"#, ["title": "Rain", "beats": ["one", "tw"]]),
        (#"{"title": "Rain", "beats": ["one"], "mood""#, ["title": "Rain", "beats": ["one"]]),
        (#"{"title": "Rain", "beats": ["one"],"#, ["title": "Rain", "beats": ["one"]]),
        ("```json\n[{\"id\": 1}, {\"id\": 2", [["id": 1], ["id": 2]]),
    ]

    @Test(arguments: cutOff)
    func aCutOffAnswerIsClosedAndSaysSo(text: String, expected: JSONValue) throws {
        let answer = try StructuredOutput.parse(text)
        #expect(answer.truncated)
        #expect(answer.value == expected)
    }

    @Test(arguments: ["", "I cannot help with that.", "```\nno json here\n```"])
    func noJSONIsOneClearError(text: String) {
        let error = #expect(throws: ReelError.self) { try StructuredOutput.parse(text) }
        #expect(error?.code == .invalidInput && error?.message == "the answer has no JSON in it")
    }
}
