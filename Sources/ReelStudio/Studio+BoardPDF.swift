import Foundation
import ReelEngine
import ReelExport
import ReelMedia
import ReelModel

extension Studio {
    /// `reel export board`: the storyboard sheet (`index.html`, `panels/`) and, when
    /// Chromium is installed, `board.pdf` printed from it headless. Without Chromium the
    /// export still succeeds and says how to get the PDF.
    func exportBoard(_ production: Production, directory: URL, events: AsyncStream<RunEvent>.Continuation?) async throws
        -> ExportResult
    {
        var result = try await board(production, directory: directory, events: events)
        var warnings: [String] = []
        if toolchain.chromium != nil {
            result.pdf = try await printPDF(result.html, to: directory.appendingPathComponent("board.pdf"))
        } else {
            warnings.append("Chromium is not installed, so no PDF was printed (apt-get install chromium); "
                            + "open index.html and print it from a browser")
        }
        let timeline = Timeline(name: result.storyboard.title, format: result.storyboard.format, tracks: [])
        return ExportResult(format: .board, output: directory, files: [result.html] + result.panels + (result.pdf.map { [$0] } ?? []),
                            timeline: timeline, missing: [], warnings: warnings)
    }

    /// Prints an HTML file to PDF with headless Chromium, written under a temporary name
    /// and renamed into place.
    func printPDF(_ html: URL, to pdf: URL) async throws -> URL {
        guard let chromium = toolchain.chromium else {
            throw ReelError(.unavailable, "Chromium is not installed", hint: "apt-get install chromium")
        }
        let temp = pdf.deletingLastPathComponent().appendingPathComponent(".\(pdf.lastPathComponent).\(UUID().uuidString.prefix(8)).part")
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("reel-chromium-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try await runner.run(chromium, Studio.pdfArguments(html: html, pdf: temp, profile: profile))
        guard result.status == 0, FileManager.default.fileExists(atPath: temp.path) else {
            try? FileManager.default.removeItem(at: temp)
            throw ReelError(.mediaFailed, "Chromium could not print the storyboard sheet: \(result.stderrTail(3))", at: html.path,
                            hint: "open index.html in a browser and print it, or set REEL_CHROMIUM to another Chromium")
        }
        guard rename(temp.path, pdf.path) == 0 else {
            throw ReelError(.cannotWrite, "cannot move the finished PDF into place (errno \(errno))", at: pdf.path)
        }
        return pdf
    }

    /// Headless print: no sandbox (containers), no first-run, a profile of its own, no
    /// header or footer, images given time to load.
    static func pdfArguments(html: URL, pdf: URL, profile: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
         "--user-data-dir=\(profile.path)", "--no-pdf-header-footer", "--virtual-time-budget=10000",
         "--print-to-pdf=\(pdf.path)", html.standardizedFileURL.absoluteString]
    }
}
