import Foundation
import ReelModel
import ReelStudio

/// A project made for a test: a script in a temporary directory, `reel init`'s reel.yaml with
/// `yaml` added at its end, opened as a production holding the project's lock.
public enum TestProject {
    public static func production(_ dir: TemporaryDirectory, script: String = FixtureScripts.twoRooms,
                                  named name: String = "two-rooms.fountain", yaml: String = "") throws -> Production {
        let file = try dir.write(name, script)
        let project = try Project.create(at: dir.file("film"), script: file,
                                         format: VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24))
        if !yaml.isEmpty {
            let config = project.directory.appendingPathComponent(ProjectConfig.fileName)
            try (try String(contentsOf: config, encoding: .utf8) + "\n" + yaml).write(to: config, atomically: true, encoding: .utf8)
        }
        return try Production.open(try Project.find(project.directory), lockFor: "test")
    }
}
