import Foundation
import ReelModel
import ReelScript

extension Studio {
    /// Plans the storyboard of a screenplay file read in `script` format (Fountain, a Chinese
    /// short-drama script, or `.auto` to tell from its lines), with notes about how it was
    /// read (lines that look like speech but became action).
    public func plan(script: URL, format: VideoFormat = .default, scriptFormat: ScriptFormat)
        throws -> (storyboard: Storyboard, warnings: [String])
    {
        let reading = try ScriptSource.load(script, format: scriptFormat)
        let storyboard = try ScriptSource.storyboard(reading, of: script, format: format)
        return (storyboard, reading.warnings)
    }

    /// Notes about how a script file reads in `format`: empty when all is well or the file
    /// cannot be read (reading it again reports that error where it matters).
    public func scriptWarnings(_ script: URL, format: ScriptFormat = .auto) -> [String] {
        (try? ScriptSource.load(script, format: format).warnings) ?? []
    }
}
