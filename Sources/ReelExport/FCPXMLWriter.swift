import Foundation
import ReelModel

/// Writes a timeline as Final Cut Pro XML 1.10, which Final Cut Pro 10.6+ and DaVinci
/// Resolve 18+ import.
///
/// The picture track is the primary storyline (`spine`): an `asset-clip` per take, a `gap`
/// (with a marker) where a shot has no usable take or a take is held. Dialogue, music and
/// effects are connected `asset-clip`s on lanes below it (-1, -2…) in those roles, subtitles connected `caption`s
/// (SRT role) on lanes above. Every time is a rational number of seconds that is a whole
/// number of frames (`1001/24000s` per frame at 23.976). Reel's facts are `md` entries
/// (`com.reel.shot`, `com.reel.take`…) in each clip's `metadata`.
public enum FCPXMLWriter {
    public static let version = "1.10"

    public static func fcpxml(_ timeline: Timeline) -> String {
        var doc = FCPXMLDocument(timeline: timeline)
        return doc.write()
    }
}

/// The state of one FCPXML write: resource ids and text styles handed out in order.
struct FCPXMLDocument {
    let timeline: Timeline
    var assets: [String: String] = [:]
    var assetOrder: [MediaReference] = []
    var styles = 0

    init(timeline: Timeline) {
        self.timeline = timeline
        for (i, media) in timeline.mediaReferences.enumerated() {
            assets[media.path] = "r\(i + 2)"
            assetOrder.append(media)
        }
    }

    var rate: FrameRate { timeline.rate }

    /// `0s`, `48/24s`, `2002/24000s`: frames times the frame duration, unreduced as Final Cut writes it.
    func t(_ time: RationalTime) -> String { t(frames: rate.frames(in: time)) }

    func t(frames: Int64) -> String {
        frames == 0 ? "0s" : "\(frames * Int64(rate.denominator))/\(rate.numerator)s"
    }

    mutating func write() -> String {
        let f = timeline.format
        let tc = Timecode.isDropFrame(rate) ? "DF" : "NDF"
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE fcpxml>
        <fcpxml version="\(FCPXMLWriter.version)">
          <resources>
            <format id="r1" frameDuration="\(t(frames: 1))" width="\(f.width)" height="\(f.height)" colorSpace="1-1-1 (Rec. 709)"/>

        """
        for media in assetOrder { out += asset(media) }
        out += """
          </resources>
          <library>
            <event name="\(x(timeline.name))">
              <project name="\(x(timeline.name))">
                <sequence format="r1" duration="\(t(timeline.duration))" tcStart="0s" tcFormat="\(tc)" audioLayout="stereo" audioRate="48k">
                  <spine>

        """
        let connected = connectedItems()
        guard let picture = timeline.tracks(.video).first else { return out + closing() }
        for (i, (start, item)) in picture.placed.enumerated() {
            let end = start + item.duration
            let attached = connected.filter { c in !(c.start < start) && (c.start < end || i == picture.items.count - 1) }
            out += spineItem(item, at: start, track: picture, attached: attached, indent: "            ")
        }
        return out + closing()
    }

    func closing() -> String {
        """
                  </spine>
                </sequence>
              </project>
            </event>
          </library>
        </fcpxml>

        """
    }

    func asset(_ m: MediaReference) -> String {
        let duration = m.availableRange?.duration ?? .zero
        let name = (m.fileName as NSString).deletingPathExtension
        var attrs = "id=\"\(assets[m.path]!)\" name=\"\(x(name))\" start=\"0s\" duration=\"\(t(duration))\""
        if m.kind == .video {
            attrs += " hasVideo=\"1\" format=\"r1\" videoSources=\"1\" hasAudio=\"\(m.hasAudio ? 1 : 0)\""
        } else {
            attrs += " hasAudio=\"1\" audioSources=\"1\" audioChannels=\"2\" audioRate=\"48000\""
        }
        return "    <asset \(attrs)>\n      <media-rep kind=\"original-media\" src=\"\(x(FCPXMLDocument.url(m.path)))\"/>\n    </asset>\n"
    }

    /// A relative path stays relative (percent-encoded); an absolute one becomes a file URL.
    static func url(_ path: String) -> String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    func x(_ s: String) -> String { Markup.escape(s) }
}
