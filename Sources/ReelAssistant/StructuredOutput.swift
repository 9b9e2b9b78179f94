import Foundation
import ReelModel

/// JSON out of what language models really return: fenced in Markdown, wrapped in prose,
/// with trailing commas, comments, single quotes, unquoted keys, Python's `True`/`None`,
/// raw newlines in strings, full-width punctuation and curly quotes in Chinese output, or cut
/// off mid-document. Each repair is named, so a caller can log what it had to mend and
/// decide whether a truncated answer needs a continuation call.
///
/// ```swift
/// let answer = try StructuredOutput.parse("好的：```json\n{“title”：“雨夜”，}\n```")
/// answer.value        // ["title": "雨夜"]
/// answer.repairs      // [.fence, .fullWidth, .trailingComma]
/// ```
public enum StructuredOutput {
    /// A repair that was needed.
    public enum Repair: String, Hashable, Sendable, Codable, CaseIterable {
        /// The JSON was inside a Markdown code fence.
        case fence
        /// There was prose before or after the JSON.
        case prose
        /// Full-width punctuation (`，：｛｝［］`) or curly quotes served as JSON's.
        case fullWidth = "full-width"
        case singleQuotes = "single-quotes"
        case trailingComma = "trailing-comma"
        case comment
        case unquotedKey = "unquoted-key"
        /// `True`, `False`, `None`, `NaN`.
        case literal
        /// A newline or tab inside a string, unescaped.
        case controlCharacter = "control-character"
        /// The document stopped part way: open strings, arrays and objects were closed.
        case truncated
    }

    /// A JSON value and what it took to read it.
    public struct Answer: Hashable, Sendable {
        public var value: JSONValue
        public var repairs: [Repair]
        /// True when the document had to be closed: its content may be incomplete.
        public var truncated: Bool { repairs.contains(.truncated) }
    }

    /// Reads the first JSON object or array in `text`, mending what models get wrong.
    /// Throws `invalidInput` when there is none to be found.
    public static func parse(_ text: String) throws -> Answer {
        var repairs: [Repair] = []
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        if let fenced = fencedBlock(body) {
            body = fenced
            repairs.append(.fence)
        }
        guard let start = body.firstIndex(where: { "{[｛［".contains($0) }) else {
            throw ReelError(.invalidInput, "the answer has no JSON in it", hint: "ask again; the reply was: \(text.prefix(80))")
        }
        if !body[..<start].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { repairs.append(.prose) }
        var scanner = Scanner(Array(body[start...]))
        let (json, extra, scanRepairs) = scanner.rewrite()
        repairs += scanRepairs
        if extra { repairs.append(.prose) }
        guard let data = json.data(using: .utf8),
              let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw ReelError(.invalidInput, "the answer's JSON cannot be read even after repair",
                            hint: "ask again with the validation errors; the reply began: \(text.prefix(80))")
        }
        var unique: [Repair] = []
        for r in repairs where !unique.contains(r) { unique.append(r) }
        return Answer(value: value, repairs: unique)
    }

    /// The contents of the first ``` fence (its language tag dropped), when there is one.
    static func fencedBlock(_ text: String) -> String? {
        guard let open = text.range(of: "```") else { return nil }
        var rest = text[open.upperBound...]
        if let newline = rest.firstIndex(of: "\n") { rest = rest[rest.index(after: newline)...] } else { return nil }
        let close = rest.range(of: "```")
        return String(close.map { rest[..<$0.lowerBound] } ?? rest)
    }

    /// Rewrites a JSON-ish document into JSON in one pass, tracking strings and nesting.
    struct Scanner {
        let chars: [Character]
        var i = 0
        var out = ""
        var repairs: [Repair] = []
        /// `{` or `[` for each open container.
        var stack: [Character] = []

        init(_ chars: [Character]) { self.chars = chars }

        mutating func note(_ r: Repair) { if !repairs.contains(r) { repairs.append(r) } }

        /// The JSON text, whether anything followed the document, and the repairs made.
        mutating func rewrite() -> (String, Bool, [Repair]) {
            while i < chars.count {
                let c = chars[i]
                switch c {
                case "\"", "'", "“", "”", "‘", "’", "「", "『":
                    readString(opener: c)
                case "{", "[", "｛", "［":
                    let ascii: Character = (c == "{" || c == "｛") ? "{" : "["
                    if c != ascii { note(.fullWidth) }
                    stack.append(ascii)
                    out.append(ascii)
                    i += 1
                case "}", "]", "｝", "］":
                    let ascii: Character = (c == "}" || c == "｝") ? "}" : "]"
                    if c != ascii { note(.fullWidth) }
                    dropTrailingComma()
                    if !stack.isEmpty { stack.removeLast() }
                    out.append(ascii)
                    i += 1
                    if stack.isEmpty {
                        let rest = String(chars[i...]).trimmingCharacters(in: .whitespacesAndNewlines)
                        return (out, !rest.isEmpty, repairs)
                    }
                case ",", "，", "、":
                    if c != "," { note(.fullWidth) }
                    out.append(",")
                    i += 1
                case ":", "：":
                    if c != ":" { note(.fullWidth) }
                    out.append(":")
                    i += 1
                case "/" where i + 1 < chars.count && (chars[i + 1] == "/" || chars[i + 1] == "*"):
                    skipComment()
                case "#":
                    skipComment()
                default:
                    if c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isNumber) {
                        // A number, exponent and all (`-1.5e-3`).
                        while i < chars.count, chars[i].isNumber || "+-.eE".contains(chars[i]) {
                            out.append(chars[i])
                            i += 1
                        }
                    } else if c.isLetter || c == "_" || c == "$" {
                        readWord()
                    } else {
                        out.append(c)
                        i += 1
                    }
                }
            }
            closeTruncated()
            return (out, false, repairs)
        }

        /// A string opened by `opener`, written as a JSON string; ends at its closer or the end.
        mutating func readString(opener: Character) {
            let closers: Set<Character> = switch opener {
            case "\"": ["\""]
            case "'": ["'"]
            case "“", "”": ["”", "“"]
            case "‘", "’": ["’", "‘"]
            case "「": ["」"]
            default: ["』"]
            }
            if opener == "'" { note(.singleQuotes) } else if opener != "\"" { note(.fullWidth) }
            i += 1
            var text = "\""
            while i < chars.count {
                let c = chars[i]
                if c == "\\", i + 1 < chars.count {
                    let next = chars[i + 1]
                    // \' is not JSON: the quote alone.
                    text += next == "'" ? "'" : "\\\(next)"
                    i += 2
                    continue
                }
                if closers.contains(c) {
                    i += 1
                    out += text + "\""
                    return
                }
                switch c {
                case "\"": text += "\\\""
                case "\n", "\r\n": text += "\\n"; note(.controlCharacter)
                case "\r": text += "\\r"; note(.controlCharacter)
                case "\t": text += "\\t"; note(.controlCharacter)
                default: text.append(c)
                }
                i += 1
            }
            // The document ended inside the string.
            out += text + "\""
            note(.truncated)
        }

        /// A bare word: a JSON literal, a Python one, or a key that lacks its quotes.
        mutating func readWord() {
            var word = ""
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "$" || chars[i] == "-" {
                word.append(chars[i])
                i += 1
            }
            var j = i
            while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
            let isKey = j < chars.count && (chars[j] == ":" || chars[j] == "：") && stack.last == "{"
            if isKey {
                note(.unquotedKey)
                out += "\"\(word)\""
                return
            }
            switch word {
            case "true", "false", "null": out += word
            case "True": out += "true"; note(.literal)
            case "False": out += "false"; note(.literal)
            case "None", "NaN", "undefined": out += "null"; note(.literal)
            default:
                // A bare word as a value: kept as a string.
                note(.unquotedKey)
                out += "\"\(word)\""
            }
        }

        mutating func skipComment() {
            note(.comment)
            if chars[i] == "#" || chars[i + 1] == "/" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
            } else {
                i += 2
                while i + 1 < chars.count, !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                i = min(chars.count, i + 2)
            }
        }

        /// Removes a comma written just before a closing bracket (whitespace between).
        mutating func dropTrailingComma() {
            var j = out.endIndex
            while j > out.startIndex {
                let k = out.index(before: j)
                if out[k].isWhitespace { j = k; continue }
                if out[k] == "," {
                    out.remove(at: k)
                    note(.trailingComma)
                }
                return
            }
        }

        /// Where the string that ends `text` (with its closing quote) starts.
        static func stringStart(_ text: String) -> String.Index? {
            var j = text.index(before: text.endIndex)
            while j > text.startIndex {
                j = text.index(before: j)
                guard text[j] == "\"" else { continue }
                var slashes = 0
                var k = j
                while k > text.startIndex, text[text.index(before: k)] == "\\" { slashes += 1; k = text.index(before: k) }
                if slashes % 2 == 0 { return j }
            }
            return nil
        }

        /// Closes what the document left open, dropping a dangling key or comma first.
        mutating func closeTruncated() {
            guard !stack.isEmpty else { return }
            note(.truncated)
            var trimmed = out.trimmingCharacters(in: .whitespacesAndNewlines)
            while let last = trimmed.last, last == "," || last == ":" {
                trimmed.removeLast()
                if last == ":" {
                    // A key without its value: drop the key too.
                    if trimmed.last == "\"", let open = trimmed.dropLast().lastIndex(of: "\"") { trimmed = String(trimmed[..<open]) }
                }
                trimmed = trimmed.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            // A key whose value never came: `{"a": 1, "b"` loses `"b"`.
            if stack.last == "{", trimmed.last == "\"", let open = Self.stringStart(trimmed) {
                let before = trimmed[..<open].trimmingCharacters(in: .whitespacesAndNewlines)
                if before.hasSuffix(",") || before.hasSuffix("{") {
                    trimmed = before.hasSuffix(",") ? String(before.dropLast()) : before
                }
            }
            out = trimmed
            // A number or literal cut short stays as it is; JSON will read it or refuse it.
            while let open = stack.popLast() {
                dropTrailingComma()
                out.append(open == "{" ? "}" : "]")
            }
        }
    }
}
