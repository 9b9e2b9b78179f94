import ArgumentParser
import ReelModel

/// `--aspect`, `--size`, `--fps`: the picture a film is made in.
struct FormatOptions: ParsableArguments {
    @Option(help: "Frame aspect: 9:16 (vertical), 16:9 or 1:1.")
    var aspect: String = "9:16"

    @Option(help: "Frame size: 480p, 720p or 1080p.")
    var size: String = "720p"

    @Option(help: "Frame rate: 24, 25, 30, 23.976 or 29.97.")
    var fps: String = "24"

    func validate() throws {
        guard VideoFormat.Aspect(rawValue: aspect) != nil else {
            throw ValidationError("--aspect must be 9:16, 16:9 or 1:1 (got '\(aspect)')")
        }
        guard VideoFormat.Size(rawValue: size) != nil else {
            throw ValidationError("--size must be 480p, 720p or 1080p (got '\(size)')")
        }
        guard let rate = FrameRate(parsing: fps), [24.0, 25, 30].contains(rate.framesPerSecond.rounded()) else {
            throw ValidationError("--fps must be 23.976, 24, 25, 29.97 or 30 (got '\(fps)')")
        }
    }

    var format: VideoFormat {
        VideoFormat(aspect: VideoFormat.Aspect(rawValue: aspect) ?? .vertical, size: VideoFormat.Size(rawValue: size) ?? .p720,
                    frameRate: FrameRate(parsing: fps) ?? .fps24)
    }
}
