import Foundation
import ReelModel

/// JSON for files people and tools read: two-space indents, keys sorted, doubles always
/// with a fraction (`24.0`, as OpenTimelineIO writes rates), non-ASCII kept as is (CJK
/// stays readable). The same value always gives the same bytes, so exports snapshot.
enum PrettyJSON {
    static func string(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += number(d)
        case .string: out += value.canonical
        case .array(let a):
            guard !a.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, v) in a.enumerated() {
                out += pad
                write(v, indent: indent + 1, into: &out)
                out += i < a.count - 1 ? ",\n" : "\n"
            }
            out += close + "]"
        case .object(let o):
            guard !o.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, key) in o.keys.sorted().enumerated() {
                out += pad + JSONValue.string(key).canonical + ": "
                write(o[key]!, indent: indent + 1, into: &out)
                out += i < o.count - 1 ? ",\n" : "\n"
            }
            out += close + "}"
        }
    }

    /// `24.0`, `23.976023976023978`: Swift's shortest round-tripping form, always with a fraction.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let text = "\(d)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }
}
