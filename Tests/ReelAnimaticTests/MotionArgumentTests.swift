import Foundation
import ReelMedia
import ReelModel
import ReelSnapshot
import Testing

@testable import ReelAnimatic

/// The animatic's camera moves as ffmpeg commands: a change to any of them shows up here.
@Suite struct MotionArgumentTests {
    let encode = EncodeSettings(format: VideoFormat(aspect: .vertical, size: .p720, frameRate: .fps24))
    let panel = URL(fileURLWithPath: "/store/panel.png")
    let out = URL(fileURLWithPath: "/store/tmp/out.mp4")

    static let moves: [CameraMove] = CameraMove.allCases

    @Test(arguments: moves)
    func motion(move: CameraMove) {
        let layout = MotionLayout(move: move, width: 720, height: 1280)
        let spec = MotionSpec(move: move, frames: 84, layout: layout)
        let args = MotionRenderer.arguments(panel: panel, output: out, spec: spec, encode: encode)
        expectSnapshot(args.joined(separator: "\n") + "\n", group: "motion", name: "\(move.rawValue).txt")
    }

    @Test func motionAtNTSCRateUsesTheExactRate() {
        let ntsc = EncodeSettings(format: VideoFormat(aspect: .landscape, size: .p1080, frameRate: .fps23_976))
        let layout = MotionLayout(move: .panRight, width: 1920, height: 1080)
        let args = MotionRenderer.arguments(panel: panel, output: out, spec: MotionSpec(move: .panRight, frames: 48, layout: layout),
                                            encode: ntsc)
        #expect(args.contains("24000/1001"))
        #expect(args[args.firstIndex(of: "-video_track_timescale")! + 1] == "24000")
        #expect(args[args.firstIndex(of: "-frames:v")! + 1] == "48")
    }
}

@Suite struct MotionLayoutTests {
    @Test(arguments: CameraMove.allCases)
    func theFrameFitsInsideTheCanvasWithRoomToMove(move: CameraMove) {
        let l = MotionLayout(move: move, width: 1080, height: 1920)
        #expect(l.frameX >= 0 && l.frameY >= 0)
        #expect(l.frameX + l.frameWidth <= l.canvasWidth)
        #expect(l.frameY + l.frameHeight <= l.canvasHeight)
        #expect(l.frameWidth * 1920 == l.frameHeight * 1080)
        switch move {
        case .panLeft, .panRight: #expect(l.canvasWidth > l.frameWidth + 200)
        case .tiltUp, .tiltDown: #expect(l.canvasHeight > l.frameHeight + 300)
        default: #expect(l.canvasWidth == l.frameWidth && l.canvasHeight == l.frameHeight)
        }
        #expect(l.canvasWidth % 2 == 0 && l.canvasHeight % 2 == 0)
    }
}

