import Foundation

/// Text made safe for XML and HTML (SVG panels, storyboard sheets, FCPXML).
public enum Markup {
    /// Escapes `& < > " '`, turns line breaks and tabs into spaces, and drops characters
    /// XML 1.0 forbids (other control characters, lone surrogates, U+FFFE/U+FFFF).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) || (0xD800...0xDFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
