import Foundation

/// Writes JSON into a byte buffer in exactly the layout of ``Terminal/jsonEncoder()``
/// (pretty, two-space indents, `"key" : value`, slashes unescaped, control characters as
/// `\b \t \n \f \r` or `\u00xx`), for documents too large to go through `JSONEncoder`
/// at a useful speed. Callers write an object's keys in sorted (byte) order themselves.
///
/// The buffer is handed to `sink` whenever it passes ``flushSize`` and by ``flush()``.
struct PrettyJSONWriter {
    static let flushSize = 1 << 20

    private(set) var bytes: [UInt8] = []
    private let sink: (Data) -> Void

    init(sink: @escaping (Data) -> Void) {
        self.sink = sink
        bytes.reserveCapacity(Self.flushSize + (1 << 16))
    }

    /// Hands what is buffered to the sink.
    mutating func flush() {
        guard !bytes.isEmpty else { return }
        sink(bytes.withUnsafeBufferPointer { Data(buffer: $0) })
        bytes.removeAll(keepingCapacity: true)
    }

    /// Flushes when the buffer is full; call between elements.
    mutating func flushIfFull() {
        if bytes.count >= Self.flushSize { flush() }
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ data: Data) { bytes.append(contentsOf: data) }

    mutating func indent(_ level: Int) {
        for _ in 0..<(2 * level) { bytes.append(0x20) }
    }

    /// `{`: the object's keys follow at `level + 1`.
    mutating func openObject() { bytes.append(UInt8(ascii: "{")) }

    /// `"name" : ` on its own line, after a comma unless it is the object's first key.
    mutating func key(_ name: StaticString, level: Int, first: Bool = false) {
        raw(first ? "\n" : ",\n")
        indent(level + 1)
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\" : ")
    }

    mutating func closeObject(level: Int) {
        bytes.append(0x0A)
        indent(level)
        bytes.append(UInt8(ascii: "}"))
    }

    /// An array at `level` whose elements `element` writes, one per line at `level + 1`;
    /// `[]` when empty, as ``Terminal/encoded(_:)`` writes it.
    mutating func array<C: Collection>(_ items: C, level: Int, _ element: (inout PrettyJSONWriter, C.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        guard !items.isEmpty else { return bytes.append(UInt8(ascii: "]")) }
        var first = true
        for item in items {
            raw(first ? "\n" : ",\n")
            first = false
            indent(level + 1)
            element(&self, item)
        }
        bytes.append(0x0A)
        indent(level)
        bytes.append(UInt8(ascii: "]"))
    }

    /// An array of strings.
    mutating func strings<C: Collection>(_ items: C, level: Int) where C.Element == String {
        array(items, level: level) { $0.string($1) }
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    mutating func int(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(value.magnitude)
    }

    private mutating func digits(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        let start = bytes.count
        var v = value
        while v > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        }
        bytes[start...].reverse()
    }

    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    /// A quoted string: `"` and `\` escaped, control characters as the encoder writes
    /// them, everything else (slashes, non-ASCII) as its UTF-8 bytes.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                escape(byte)
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x08: raw("\\b")
        case 0x09: raw("\\t")
        case 0x0A: raw("\\n")
        case 0x0C: raw("\\f")
        case 0x0D: raw("\\r")
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            raw("\\u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}
