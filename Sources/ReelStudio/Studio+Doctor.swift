import Foundation
import ReelMedia
import ReelModel

/// One thing `reel doctor` checks.
public struct DoctorCheck: Hashable, Sendable, Codable {
    public var name: String
    public var ok: Bool
    /// What was found: a version, a path, what is missing.
    public var detail: String
    /// How to fix it, when it is not ok.
    public var fix: String?
    /// Reel cannot make films without it.
    public var required: Bool
}

extension Studio {
    /// Checks the programs, voices and fonts the offline path needs, and where Reel keeps
    /// its state.
    public func doctor() async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let apt = "sudo apt-get install"
        if let ffmpeg = toolchain.ffmpeg {
            let version = await firstLine(ffmpeg, ["-hide_banner", "-version"])
            let config = await output(ffmpeg, ["-hide_banner", "-buildconf"])
            let missing = ["libx264", "librsvg", "libass", "libfreetype"].filter { !config.contains("--enable-\($0)") }
            checks.append(DoctorCheck(name: "ffmpeg", ok: missing.isEmpty,
                                      detail: missing.isEmpty ? "\(version) (\(ffmpeg))" : "\(version) lacks \(missing.joined(separator: ", "))",
                                      fix: missing.isEmpty ? nil : "install Debian's full build: \(apt) ffmpeg", required: true))
        } else {
            checks.append(DoctorCheck(name: "ffmpeg", ok: false, detail: "not found on PATH", fix: "\(apt) ffmpeg", required: true))
        }
        if let ffprobe = toolchain.ffprobe {
            checks.append(DoctorCheck(name: "ffprobe", ok: true, detail: ffprobe, required: true))
        } else {
            checks.append(DoctorCheck(name: "ffprobe", ok: false, detail: "not found on PATH", fix: "\(apt) ffmpeg", required: true))
        }
        if let espeak = toolchain.espeak {
            let version = await firstLine(espeak, ["--version"])
            let voices = await output(espeak, ["--voices=cmn"])
            let pinyin = voices.contains("cmn-latn-pinyin")
            checks.append(DoctorCheck(name: "espeak-ng", ok: true, detail: version, required: true))
            checks.append(DoctorCheck(name: "Mandarin voice", ok: pinyin,
                                      detail: pinyin ? "cmn-latn-pinyin" : "espeak-ng has no cmn-latn-pinyin voice",
                                      fix: pinyin ? nil : "\(apt) espeak-ng-data (Chinese lines fall back to no voice)",
                                      required: false))
        } else {
            checks.append(DoctorCheck(name: "espeak-ng", ok: false, detail: "not found on PATH", fix: "\(apt) espeak-ng",
                                      required: true))
        }
        let fonts = await output("/usr/bin/fc-list", [":lang=zh", "family"])
        let cjk = fonts.contains("Noto Sans CJK")
        checks.append(DoctorCheck(name: "CJK font", ok: cjk, detail: cjk ? "Noto Sans CJK" : "no Noto Sans CJK font found",
                                  fix: cjk ? nil : "\(apt) fonts-noto-cjk (Chinese text on panels and subtitles)", required: false))
        let home = Workspace.reelHome(environment)
        let writable = (try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)) != nil
            && FileManager.default.isWritableFile(atPath: home.path)
        checks.append(DoctorCheck(name: "state directory", ok: writable, detail: home.path,
                                  fix: writable ? nil : "make it writable or set REEL_HOME to a writable directory",
                                  required: true))
        return checks
    }

    private func output(_ tool: String, _ args: [String]) async -> String {
        guard FileManager.default.isExecutableFile(atPath: tool),
              let result = try? await runner.run(tool, args) else { return "" }
        return result.stdoutText + result.stderrText
    }

    private func firstLine(_ tool: String, _ args: [String]) async -> String {
        let text = await output(tool, args)
        return String(text.split(separator: "\n").first ?? "")
    }
}
