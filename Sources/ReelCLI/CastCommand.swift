import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel cast`: the characters, props and places, and their reference images.
struct CastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cast",
        abstract: "List the characters, props and places, or add one with reference images.",
        subcommands: [List.self, Add.self], defaultSubcommand: List.self)

    /// `reel cast [list]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Characters, props and places: who found them, references, shots they are in.")

        @OptionGroup var project: ProjectOptions

        @Flag(help: "Print the cast as JSON.")
        var json = false

        func run() async throws {
            let production = try project.open(lockFor: nil)
            defer { production.close() }
            let cast = try await Studio().cast(production)
            if json { return try Terminal.json(cast) }
            guard !cast.isEmpty else {
                Terminal.out("no one yet: the script names no characters; add one with `reel cast add NAME --image FILE`")
                return
            }
            for member in cast { Terminal.out(CastCommand.lines(member)) }
        }
    }

    /// `reel cast add NAME --image FILE…`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a character, prop or place, or give one the planner found reference images and a description.",
            discussion: """
                Images are decoded, checked (JPEG, PNG or WebP, up to 30 MB and 50 megapixels) and \
                copied into the project's media store. A shot whose subjects have references is sent to \
                remote models as references-to-video (`reel shot SHOT` says what a model gets).
                """)

        @OptionGroup var project: ProjectOptions

        @Argument(help: "The name as the script writes it (MAYA, 林晓), or a new one.")
        var name: String

        @Option(name: .customLong("image"), help: "A reference image; repeat for several, most representative first.",
                completion: .file(extensions: ["png", "jpg", "jpeg", "webp"]))
        var images: [String] = []

        @Option(help: "character, prop or location (for a new subject; default character).")
        var kind: String?

        @Option(help: "What it looks like: age, costume, hair; used in prompts.")
        var description: String?

        @Flag(help: "Drop the subject's reference images first, then add the --image ones (none: just drop them).")
        var replaceImages = false

        @Flag(help: "A real person's likeness: their images go to no provider until `reel consent grant` records consent.")
        var realPerson = false

        @Flag(help: "Print the subject as JSON.")
        var json = false

        func run() async throws {
            let kind = try self.kind.map { text in
                guard let kind = Subject.Kind(rawValue: text.lowercased()) else {
                    throw ReelError(.usage, "\"\(text)\" is not a kind of subject (--kind)", hint: "use character, prop or location")
                }
                return kind
            }
            let production = try project.open(lockFor: "cast add")
            defer { production.close() }
            let member = try await Studio().addToCast(production, CastAddition(
                name: name, kind: kind, description: description, images: images.map { URL(fileURLWithPath: $0) },
                realPerson: realPerson, replaceImages: replaceImages))
            if json { return try Terminal.json(member) }
            Terminal.out(CastCommand.lines(member))
        }
    }

    static func lines(_ m: CastMember) -> String {
        var lines = ["\(m.name)  (\(m.kind.rawValue), \(m.planned ? "from the script" : "added")), in \(Plural.count(m.shots.count, "shot"))"]
        if !m.description.isEmpty { lines.append("  \(m.description)") }
        if let consent = m.consent { lines.append("  a real person; consent: \(consent)") }
        for ref in m.references {
            let size = ref.width.flatMap { w in ref.height.map { "\(w)×\($0)" } } ?? ""
            lines.append("  ref \(ref.digest.prefix(12))  \(ref.mediaType) \(size)  \(ref.path)")
        }
        if m.references.isEmpty { lines.append("  no reference images") }
        return lines.joined(separator: "\n")
    }
}
