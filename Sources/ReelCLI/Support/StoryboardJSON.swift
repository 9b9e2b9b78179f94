import Foundation
import ReelModel

/// Prints a storyboard as JSON: the same bytes as encoding it whole with
/// ``Terminal/jsonEncoder()``, written field by field into a buffer flushed as it fills,
/// so a long script's storyboard is neither held as a document nor walked through
/// `JSONEncoder` (about 10 MB/s for a document 11–12× the script's size).
///
/// Keys are written in the encoder's sorted order. Subjects with a consent (dates, which
/// the encoder writes in ISO 8601) go through the encoder one at a time. The tests compare
/// the bytes with the encoder's on storyboards with every optional field filled in.
enum StoryboardJSON {
    static func write(_ board: Storyboard, encoder: JSONEncoder = Terminal.jsonEncoder(),
                      to sink: @escaping (Data) -> Void) throws {
        var out = PrettyJSONWriter(sink: sink)
        out.openObject()
        out.key("format", level: 0, first: true)
        format(board.format, &out)
        out.key("language", level: 0)
        out.string(board.language.rawValue)
        out.key("scenes", level: 0)
        out.array(board.scenes, level: 1) { out, scene in
            self.scene(scene, &out)
            out.flushIfFull()
        }
        out.key("schema", level: 0)
        out.string(board.schema)
        out.key("shots", level: 0)
        out.array(board.shots, level: 1) { out, shot in
            self.shot(shot, &out)
            out.flushIfFull()
        }
        out.key("subjects", level: 0)
        var failure: (any Error)?
        out.array(board.subjects, level: 1) { out, subject in
            do { try self.subject(subject, encoder: encoder, &out) } catch { failure = failure ?? error }
            out.flushIfFull()
        }
        if let failure { throw failure }
        out.key("title", level: 0)
        out.string(board.title)
        out.key("version", level: 0)
        out.int(board.version)
        out.closeObject(level: 0)
        out.raw("\n")
        out.flush()
    }

    static func format(_ format: VideoFormat, _ out: inout PrettyJSONWriter) {
        out.openObject()
        out.key("aspect", level: 1, first: true)
        out.string(format.aspect.rawValue)
        out.key("frameRate", level: 1)
        out.openObject()
        out.key("denominator", level: 2, first: true)
        out.int(format.frameRate.denominator)
        out.key("numerator", level: 2)
        out.int(format.frameRate.numerator)
        out.closeObject(level: 2)
        out.key("size", level: 1)
        out.string(format.size.rawValue)
        out.closeObject(level: 1)
    }

    /// A scene at level 2 (an element of `scenes`).
    static func scene(_ scene: StoryScene, _ out: inout PrettyJSONWriter) {
        let level = 2
        out.openObject()
        out.key("heading", level: level, first: true)
        out.string(scene.heading)
        out.key("id", level: level)
        out.string(scene.id.rawValue)
        out.key("line", level: level)
        out.int(scene.line)
        out.key("location", level: level)
        out.string(scene.location)
        if let locationID = scene.locationID {
            out.key("locationID", level: level)
            out.string(locationID.rawValue)
        }
        out.key("mood", level: level)
        out.string(scene.mood.rawValue)
        if let qualifiers = scene.qualifiers {
            out.key("qualifiers", level: level)
            out.strings(qualifiers, level: level + 1)
        }
        out.key("setting", level: level)
        out.string(scene.setting.rawValue)
        out.key("timeOfDay", level: level)
        out.string(scene.timeOfDay.rawValue)
        out.closeObject(level: level)
    }

    /// A shot at level 2 (an element of `shots`).
    static func shot(_ shot: Shot, _ out: inout PrettyJSONWriter) {
        let level = 2
        out.openObject()
        out.key("action", level: level, first: true)
        out.string(shot.action)
        out.key("angle", level: level)
        out.string(shot.angle.rawValue)
        if let continuesFrom = shot.continuesFrom {
            out.key("continuesFrom", level: level)
            out.string(continuesFrom.rawValue)
        }
        out.key("dialogue", level: level)
        out.array(shot.dialogue, level: level + 1) { out, line in cue(line, level: level + 2, &out) }
        out.key("duration", level: level)
        time(shot.duration, level: level + 1, &out)
        if let empty = shot.empty {
            out.key("empty", level: level)
            out.bool(empty)
        }
        out.key("id", level: level)
        out.string(shot.id.rawValue)
        out.key("line", level: level)
        out.int(shot.line)
        out.key("mode", level: level)
        out.string(shot.mode.rawValue)
        out.key("move", level: level)
        out.string(shot.move.rawValue)
        out.key("notes", level: level)
        out.strings(shot.notes, level: level + 1)
        if let prompt = shot.prompt {
            out.key("prompt", level: level)
            out.string(prompt)
        }
        out.key("purpose", level: level)
        out.string(shot.purpose.rawValue)
        out.key("scene", level: level)
        out.string(shot.scene.rawValue)
        out.key("size", level: level)
        out.string(shot.size.rawValue)
        out.key("subjects", level: level)
        out.array(shot.subjects, level: level + 1) { $0.string($1.rawValue) }
        out.key("transitionIn", level: level)
        out.string(shot.transitionIn.rawValue)
        out.key("transitionOut", level: level)
        out.string(shot.transitionOut.rawValue)
        out.closeObject(level: level)
    }

    static func cue(_ cue: DialogueCue, level: Int, _ out: inout PrettyJSONWriter) {
        out.openObject()
        out.key("duration", level: level, first: true)
        time(cue.duration, level: level + 1, &out)
        out.key("language", level: level)
        out.string(cue.language.rawValue)
        out.key("offScreen", level: level)
        out.bool(cue.offScreen)
        if let kind = cue.offScreenKind {
            out.key("offScreenKind", level: level)
            out.string(kind.rawValue)
        }
        if let parenthetical = cue.parenthetical {
            out.key("parenthetical", level: level)
            out.string(parenthetical)
        }
        out.key("speaker", level: level)
        out.string(cue.speaker.rawValue)
        out.key("start", level: level)
        time(cue.start, level: level + 1, &out)
        out.key("text", level: level)
        out.string(cue.text)
        out.closeObject(level: level)
    }

    static func time(_ time: RationalTime, level: Int, _ out: inout PrettyJSONWriter) {
        out.openObject()
        out.key("timescale", level: level, first: true)
        out.int(time.timescale)
        out.key("value", level: level)
        out.int(time.value)
        out.closeObject(level: level)
    }

    /// A subject at level 2; one with a consent is encoded by `encoder` (its dates follow
    /// the encoder's date strategy) and indented to its place.
    static func subject(_ subject: Subject, encoder: JSONEncoder, _ out: inout PrettyJSONWriter) throws {
        let level = 2
        if subject.consent != nil {
            // `[\n  {…}\n]` nested one level deeper is `    {…}`; the writer has indented already.
            out.raw(nested(Terminal.compactingEmpties(try encoder.encode([subject]))).dropFirst(2 * level))
            return
        }
        out.openObject()
        out.key("description", level: level, first: true)
        out.string(subject.description)
        out.key("id", level: level)
        out.string(subject.id.rawValue)
        out.key("kind", level: level)
        out.string(subject.kind.rawValue)
        out.key("name", level: level)
        out.string(subject.name)
        if let realPerson = subject.realPerson {
            out.key("realPerson", level: level)
            out.bool(realPerson)
        }
        out.key("references", level: level)
        out.array(subject.references, level: level + 1) { $0.string($1.rawValue) }
        if let voice = subject.voice {
            out.key("voice", level: level)
            out.openObject()
            out.key("gender", level: level + 1, first: true)
            out.string(voice.gender.rawValue)
            out.key("pace", level: level + 1)
            out.int(voice.pace)
            out.key("pitch", level: level + 1)
            out.int(voice.pitch)
            out.key("providerVoice", level: level + 1)
            providerVoice(voice.providerVoice, level: level + 2, &out)
            out.key("variant", level: level + 1)
            out.int(voice.variant)
            out.closeObject(level: level + 1)
        }
        out.closeObject(level: level)
    }

    /// A string dictionary, keys in the encoder's order (by their UTF-8 bytes); `{}` when empty.
    static func providerVoice(_ map: [String: String], level: Int, _ out: inout PrettyJSONWriter) {
        guard !map.isEmpty else { return out.raw("{}") }
        out.openObject()
        for (i, key) in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            out.raw(i == 0 ? "\n" : ",\n")
            out.indent(level + 1)
            out.string(key)
            out.raw(" : ")
            out.string(map[key]!)
        }
        out.closeObject(level: level)
    }

    /// `[\n  a,\n  b\n]` → `    a,\n    b`: the elements of an encoded array, one level deeper
    /// (a blank line stays empty).
    static func nested(_ array: Data) -> Data {
        array.withUnsafeBytes { raw -> Data in
            let bytes = raw.bindMemory(to: UInt8.self)
            let start = 2 // "[\n"
            let end = bytes.count - 2 // "\n]"
            var out = [UInt8](repeating: 0x20, count: 2)
            out.reserveCapacity(bytes.count + bytes.count / 8)
            var lineStart = start
            while lineStart < end {
                var lineEnd = lineStart
                while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if lineStart > start, lineEnd > lineStart { out.append(contentsOf: [0x20, 0x20]) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
                if lineEnd < end { out.append(0x0A) }
                lineStart = lineEnd + 1
            }
            return Data(out)
        }
    }
}
