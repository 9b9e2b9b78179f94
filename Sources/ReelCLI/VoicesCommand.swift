import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel voices`: the voices each speech provider offers, to cast with `reel cast voice`.
struct VoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voices",
        abstract: "List the voices each speech provider offers (to cast with `reel cast voice`).",
        discussion: """
            Known without keys. In a project, the provider that speaks its lines (`voices:` in \
            reel.yaml; espeak-ng offline) is marked. With --sample, each listed voice of that \
            provider (or of --provider espeak) speaks a sample line into renders/voice-samples/ — \
            run as jobs, so a sample is made once and a remote one is paid once.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "One provider's voices: espeak, openai, elevenlabs, minimax.")
    var provider: String?

    @Option(help: "Only voices that speak this language well: en or zh.")
    var lang: String?

    @Flag(help: "Voice a sample line with each listed voice of one provider, into renders/voice-samples/.")
    var sample = false

    @Flag(help: "Print the voices as JSON.")
    var json = false

    func run() async throws {
        let language = try lang.map { text in
            guard let language = Language(rawValue: text.lowercased()) else {
                throw ReelError(.usage, "\"\(text)\" is not a language (--lang)", hint: "use en or zh")
            }
            return language
        }
        // Outside a project only when there is none here; a broken reel.yaml says so.
        let inProject = try project.directory != nil || Workspace.findProject(from: Workspace.currentDirectory()) != nil
        let production = inProject ? try project.open(lockFor: sample ? "voices --sample" : nil) : nil
        defer { production?.close() }
        let shelves = try await Studio().voices(production, VoiceQuery(provider: provider.map { ProviderID($0.lowercased()) },
                                                                      language: language, samples: sample))
        if json { return try Terminal.json(shelves) }
        for shelf in shelves {
            var about = [shelf.offline ? "offline" : "needs its key"]
            if shelf.speaksThisProject { about.append("speaks this project's lines") }
            if shelf.takesOtherVoices { about.append("also takes your account's own voice ids") }
            Terminal.out("\(shelf.name) (\(shelf.provider)) — \(about.joined(separator: "; ")), \(Plural.count(shelf.voices.count, "voice"))")
            for listed in shelf.voices {
                let v = listed.voice
                let langs = v.languages.map(\.rawValue).joined(separator: "+")
                var line = "  \(v.qualifiedID.padding(toLength: 34, withPad: " ", startingAt: 0)) \(v.gender.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(langs.padding(toLength: 6, withPad: " ", startingAt: 0)) \(v.name)"
                if !v.note.isEmpty { line += " — \(v.note)" }
                if let sample = listed.sample { line += "\n      sample: \(sample)" }
                Terminal.out(line)
            }
        }
        if !sample { Terminal.out("cast one: reel cast voice NAME --voice PROVIDER:VOICE; hear them: reel voices --sample") }
    }
}
