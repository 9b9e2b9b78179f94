import Foundation
import ReelModel

/// What the planner needs besides the script.
public struct PlanOptions: Hashable, Sendable {
    public var format: VideoFormat
    /// Used when the title page has no title (the file name, usually).
    public var fallbackTitle: String

    public init(format: VideoFormat = .default, fallbackTitle: String = "Untitled") {
        self.format = format
        self.fallbackTitle = fallbackTitle
    }
}

/// Turns a screenplay into a storyboard by the rules a storyboard artist would use, with
/// no model needed.
///
/// - A scene that opens on a new place gets an establishing shot.
/// - Each action paragraph becomes a shot (long ones two), framed by who is in it and
///   moved by what happens: travel pans, a realization pushes in, a departure pulls out.
/// - Each speech becomes a shot on its speaker: an exchange opens on a two-shot, then
///   alternates over-the-shoulder singles that tighten as it goes on; a forceful or
///   whispered line goes close; a voice-over plays over the listener or the place.
/// - Durations come from speech length at the language's speaking rate and from action
///   length at reading pace, in whole frames.
/// - Shot ids are the scene number and the shot's place in the scene (`S03-07`), so an
///   edit in one scene leaves every other scene's ids alone.
public enum ShotPlanner {
    public static func plan(_ screenplay: Screenplay, options: PlanOptions = PlanOptions(),
                            source: String = "script") throws -> Storyboard {
        let blocks = SceneBlock.split(screenplay)
        guard blocks.contains(where: { $0.heading != nil }) else {
            throw ReelError(.invalidInput, "the script has no scenes", at: source,
                            hint: "start each scene with a heading such as `INT. KITCHEN - NIGHT` or `.内景 厨房 夜` (a leading dot forces one)")
        }
        var builder = PlanBuilder(cast: Cast(screenplay: screenplay, plainActions: blocks.flatMap(\.plainActions)),
                                  format: options.format)
        var ordinal = 0
        for block in blocks {
            if block.heading != nil { ordinal += 1 }
            builder.addScene(block, ordinal: ordinal)
        }
        let props = builder.placeProps()
        return Storyboard(
            title: screenplay.title ?? options.fallbackTitle,
            language: language(of: screenplay),
            format: options.format,
            scenes: builder.scenes,
            shots: builder.shots,
            subjects: builder.cast.members.map(\.subject) + builder.locations + props)
    }
}

extension ShotPlanner {
    /// The language most of the script's action and speech is in, read from its first
    /// quarter megabyte of them (a feature film's whole script; a longer one does not change
    /// language past it).
    static func language(of screenplay: Screenplay) -> Language {
        var text = ""
        for element in screenplay.elements where text.utf8.count < 256 << 10 {
            switch element.content {
            case .action(let a): text += a.text + "\n"
            case .dialogue(let d): text += d.spokenText + "\n"
            default: continue
            }
        }
        return Language.detect(text)
    }
}

/// A scene heading and the elements under it, with each action paragraph's plain words
/// read once (the planner asks for them several times per paragraph).
struct SceneBlock {
    var heading: SceneHeading?
    var line: Int
    var elements: [ScriptElement]
    /// The plain words of each element that is action (`ScriptText.plain`) or speech
    /// (`Dialogue.spokenText`); nil for the others.
    var plain: [String?] = []

    static func split(_ screenplay: Screenplay) -> [SceneBlock] {
        var blocks: [SceneBlock] = []
        var current = SceneBlock(heading: nil, line: 1, elements: [])
        for element in screenplay.elements {
            if case .sceneHeading(let h) = element.content {
                // A prologue is kept even without shots: its FADE IN and notes carry forward.
                if current.heading != nil || !current.elements.isEmpty { blocks.append(current) }
                current = SceneBlock(heading: h, line: element.line, elements: [])
            } else {
                current.elements.append(element)
                switch element.content {
                case .action(let a): current.plain.append(ScriptText.plain(a.text))
                case .dialogue(let d): current.plain.append(d.spokenText)
                default: current.plain.append(nil)
                }
            }
        }
        if current.heading != nil || current.hasContent { blocks.append(current) }
        return blocks
    }

    /// Action, dialogue or centered text: something to shoot (a `FADE IN:` is not).
    var hasContent: Bool {
        elements.indices.contains { PlanBuilder.isShootable(elements[$0], plain: plain[$0]) }
    }

    /// The words of the scene, for reading its mood.
    var text: String {
        elements.indices.compactMap { i -> String? in
            switch elements[i].content {
            case .action: return plain[i]
            case .dialogue(let d): return d.parentheticals.joined(separator: " ") + " " + (plain[i] ?? d.spokenText)
            default: return nil
            }
        }.joined(separator: "\n")
    }

    /// The plain words of its action paragraphs.
    var plainActions: [String] {
        elements.indices.compactMap { i in
            if case .action = elements[i].content { return plain[i] }
            return nil
        }
    }
}
