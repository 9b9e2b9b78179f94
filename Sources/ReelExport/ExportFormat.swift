import Foundation

/// The formats `reel export` writes.
public enum ExportFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// OpenTimelineIO JSON (`.otio`).
    case otio
    /// Final Cut Pro XML 1.10 (`.fcpxml`), also read by DaVinci Resolve.
    case fcpxml
    /// CMX 3600 edit decision list (`.edl`): the picture track.
    case edl
    /// SubRip subtitles (`.srt`).
    case srt
    /// WebVTT subtitles (`.vtt`).
    case vtt
    /// A Jianying / CapCut draft folder.
    case jianying
    /// A printable storyboard sheet (HTML, and PDF when Chromium is installed).
    case board

    /// The file extension of a single-file export; nil for the ones that write a folder.
    public var fileExtension: String? {
        switch self {
        case .otio, .fcpxml, .edl, .srt, .vtt: rawValue
        case .jianying, .board: nil
        }
    }

    /// Whether the export refers to media files (and so can bundle them).
    public var refersToMedia: Bool {
        switch self {
        case .otio, .fcpxml, .edl, .jianying: true
        case .srt, .vtt, .board: false
        }
    }
}
