import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel doctor`: is this machine ready to make films?
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check ffmpeg, ffprobe, espeak-ng, fonts and Reel's state directory; say how to install what is missing.")

    @Flag(help: "Print the checks as JSON.")
    var json = false

    func run() async throws {
        let checks = await Studio().doctor()
        if json {
            try Terminal.json(checks)
        } else {
            for check in checks {
                let mark = check.ok ? "ok " : (check.required ? "MISSING" : "warn")
                Terminal.out("\(mark.padding(toLength: 7, withPad: " ", startingAt: 0)) \(check.name): \(check.detail)")
                if let fix = check.fix { Terminal.out("        → \(fix)") }
            }
        }
        let missing = checks.filter { $0.required && !$0.ok }
        if !missing.isEmpty {
            throw ReelError(.unavailable, "\(Plural.count(missing.count, "required part")) missing: \(missing.map(\.name).joined(separator: ", "))",
                            hint: "install them as shown above (make demo does it for you on Debian)")
        }
    }
}
