import Foundation
import ReelMedia
import ReelModel

extension Studio {
    /// Checks one clip — a take from a model or any video — for black, frozen, flashing
    /// or flickering pictures, cuts inside the shot, the wrong length or size, bars, and
    /// silence or bad loudness; see ``ClipCheck``.
    ///
    /// Throws `notFound` when the file does not exist, `invalidInput` when it is not a
    /// video; a clip that fails its check is a verdict, not an error.
    public func checkClip(_ clip: URL, expecting expected: ClipExpectation = ClipExpectation()) async throws -> ClipVerdict {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: clip.path, isDirectory: &isDirectory) else {
            throw ReelError(.notFound, "no such file", at: clip.path, hint: "check the path of the clip")
        }
        guard !isDirectory.boolValue else {
            throw ReelError(.invalidInput, "this is a directory, not a video", at: clip.path, hint: "name a video file inside it")
        }
        guard FileManager.default.isReadableFile(atPath: clip.path) else {
            throw ReelError(.notFound, "the file cannot be read", at: clip.path, hint: "check its permissions")
        }
        return try await ClipInspector(toolchain: toolchain, runner: runner).check(clip.standardizedFileURL, expected: expected)
    }
}
