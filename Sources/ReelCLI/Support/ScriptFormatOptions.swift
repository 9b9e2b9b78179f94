import ArgumentParser
import ReelStudio

/// `--format fountain|zh|auto`: how the script is written.
struct ScriptFormatOptions: ParsableArguments {
    @Option(name: .customLong("format"),
            help: "How the script is written: fountain, zh (a Chinese short-drama script: `1-1 夜 内 出租屋`, `△` action, `角色：台词`) or auto (told from its lines).")
    var name: String = "auto"

    func validate() throws {
        guard (try? ScriptSource.format(named: name)) != nil else {
            throw ValidationError("--format must be fountain, zh or auto (got '\(name)')")
        }
    }
}
