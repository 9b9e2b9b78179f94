import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel cast`: the characters, props and places, and their reference images.
struct CastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cast",
        abstract: "List the characters, props and places, or add one with reference images.",
        subcommands: [List.self, Add.self, Sheet.self, VoiceCommand.self], defaultSubcommand: List.self)

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

    /// `reel cast sheet NAME [--out FILE]`.
    struct Sheet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sheet",
            abstract: "Write a subject's reference sheet: the one picture of its references a model that takes one image per subject is sent.",
            discussion: """
                Its only reference as it is, or all of them laid out on one PNG: the same bytes a \
                film's run sends, so what you see is what such a model sees. Written to \
                renders/reference-sheets/NAME.png (a single reference keeps its own type) unless --out says where.
                """)

        @OptionGroup var project: ProjectOptions

        @Argument(help: "The character, prop or place (MAYA, 林晓, the place's name).")
        var name: String

        @Option(help: "Where to write it: a .png (a single reference keeps its own type: .jpg or .webp).",
                completion: .file(extensions: ["png", "jpg", "jpeg", "webp"]))
        var out: String?

        @Flag(help: "Print the sheet as JSON.")
        var json = false

        func validate() throws {
            if let out, ![".png", ".jpg", ".jpeg", ".webp"].contains(where: out.lowercased().hasSuffix) {
                throw ValidationError("--out must name a .png file, or .jpg or .webp for a single reference (got '\(out)')")
            }
        }

        func run() async throws {
            let production = try project.open(lockFor: nil)
            defer { production.close() }
            let sheet = try await Studio().referenceSheet(production, subject: name, output: out.map { URL(fileURLWithPath: $0) },
                                                          inRenders: true)
            if json { return try Terminal.json(sheet) }
            let size = sheet.width.flatMap { w in sheet.height.map { "\(w)×\($0)" } } ?? "?"
            Terminal.out("\(sheet.name): \(Plural.count(sheet.references, "reference")) on one \(size) picture → \(sheet.file ?? sheet.path)")
        }
    }

    /// `reel cast voice NAME [--voice PROVIDER:VOICE] [--pitch N] [--pace N]`.
    struct VoiceCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "voice",
            abstract: "Cast a character's voice: a provider's voice, gender, pitch and pace; or say what it is.",
            discussion: """
                The choice is kept with the cast and laid over the planner's guess: that character's \
                lines are voiced anew with it the next time the film is made, everyone else's keep \
                theirs. `reel voices` lists the voices. --sample voices the character's first line \
                into renders/voice-samples/ — the same job the film runs, so it is paid once.
                """)

        @OptionGroup var project: ProjectOptions

        @Argument(help: "The character, as the script writes it (林晓, MAYA).")
        var name: String

        @Option(help: "PROVIDER:VOICE (minimax:female-shaonv, openai:nova, espeak:f4), or a voice of the provider that speaks the lines.")
        var voice: String?

        @Option(help: "female or male: which of a provider's voices the character gets when none is named; the panels draw them so too (new versions of their shots; picks hold).")
        var gender: String?

        // `.unconditional`: `--pitch -2` is a value, not an option called -2.
        @Option(parsing: .unconditional, help: "-10 (low) … +10 (high); 0 as the voice is.")
        var pitch: Int?

        @Option(parsing: .unconditional, help: "-10 (slow) … +10 (fast); 0 as the voice is.")
        var pace: Int?

        @Flag(help: "Forget what was cast: the planner's voice again (then any options given).")
        var reset = false

        @Flag(help: "Voice the character's first line into renders/voice-samples/.")
        var sample = false

        @Flag(help: "Print the character as JSON.")
        var json = false

        func run() async throws {
            let gender = try self.gender.map { text in
                guard let gender = Voice.Gender(rawValue: text.lowercased()), gender != .unknown else {
                    throw ReelError(.usage, "\"\(text)\" is not a voice's gender (--gender)", hint: "use female or male")
                }
                return gender
            }
            let casting = VoiceCasting(name: name, voice: voice, gender: gender, pitch: pitch, pace: pace, reset: reset, sample: sample)
            let production = try project.open(lockFor: casting.changesNothing && !sample ? nil : "cast voice")
            defer { production.close() }
            let member = try await Studio().castVoice(production, casting)
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
        if let v = m.voice {
            var tune: [String] = [v.gender.rawValue]
            if v.pitch != 0 { tune.append("pitch \(v.pitch > 0 ? "+" : "")\(v.pitch)") }
            if v.pace != 0 { tune.append("pace \(v.pace > 0 ? "+" : "")\(v.pace)") }
            lines.append("  voice \(v.provider) \(v.heard)  (\(tune.joined(separator: ", ")); \(v.cast ? "cast" : "the planner's guess; `reel cast voice` casts one"))")
            let others = v.chosen.filter { $0.key != v.provider.rawValue }.sorted { $0.key < $1.key }
            if !others.isEmpty { lines.append("  also cast on " + others.map { "\($0.key): \($0.value)" }.joined(separator: ", ")) }
            if let sample = v.sample { lines.append("  sample \(sample)") }
        }
        return lines.joined(separator: "\n")
    }
}
