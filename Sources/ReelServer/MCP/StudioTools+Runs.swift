import Foundation
import MCP
import ReelEngine
import ReelExport
import ReelModel
import ReelStudio

/// The tools that run jobs and may spend: estimates and takes, the stop, the cut and exports.
extension StudioTool {
    /// Estimating and generating takes, and stopping a run.
    static let runs: [StudioTool] = [
        StudioTool(name: "estimate", title: "Estimate takes",
                   summary: "What generate would run, on which provider, and what it would cost, against the budget; runs and spends nothing.",
                   arguments: [project] + generation, readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return DryRunReport(try await call.studio.generate(production, call.generateRequest(dryRun: true)))
        },
        StudioTool(name: "generate", title: "Generate takes",
                   summary: "Makes takes of shots (adding, never replacing) and resumes unfinished ones; never pays twice. It spends money at remote providers, so it runs only with confirm: true — without it, it answers the estimate.",
                   arguments: [project] + generation + [
                       ToolArgument(name: "confirm", kind: .boolean, help: "true to run and spend; anything else only estimates."),
                   ], spends: true) { call in
            guard call.arguments.bool("confirm") == true else {
                try await refuseUnconfirmed(call, "generate") { try await call.studio.generate($0, call.generateRequest(dryRun: true)) }
            }
            let result = try await call.exclusive("generate") { production in
                try await call.studio.generate(production, call.generateRequest(dryRun: false), events: call.events)
            }
            let report = GenerateReport(result)
            let summary = result.summary ?? RunSummary()
            let skipped = summary.skipped.keys.filter { result.graph[$0]?.spec.kind != .check }
            guard summary.failures.isEmpty, skipped.isEmpty else {
                throw ToolRefusal(error: ReelError(.mediaFailed, "\(Plural.count(summary.failures.count + skipped.count, "job")) did not finish",
                                                   hint: "the report's failed field says why; generate again retries what can be retried"),
                                  report: report)
            }
            return report
        },
        StudioTool(name: "stop_run", title: "Stop the project's run",
                   summary: "Stops the run going on in a project — a generate, render or export still being waited on (call it while that call runs), or a run another process started (a `reel generate` in a terminal, a machine of the studio), asked as its Ctrl-C would ask it. No job starts any more; takes already submitted to a provider are kept, and the next generate fetches them without paying twice; the stopped call answers who stopped it. Answers the run, stopping until it has ended.",
                   arguments: [project]) { call in
            try await call.library.stopRun(try call.projectID(), by: "an agent (MCP)", studio: call.studio)
        },
    ]

    /// Rendering the cut, exporting it, and the statistics.
    static let cut: [StudioTool] = [
        StudioTool(name: "render", title: "Render the cut",
                   summary: "Cuts the film from the picked takes (the newest good take where none is picked, the animatic where there is none) into renders/; never makes a take. When the project's lines are voiced by a remote speech provider, its effects made by a model or its takes lip-synced (`lipsync:`), its music made by a model or its song sung by one, what is not made yet is paid, so it runs only with confirm: true.",
                   arguments: [project,
                               ToolArgument(name: "burnSubtitles", kind: .boolean, help: "Burn the subtitles into the picture (default: the project's setting)."),
                               ToolArgument(name: "confirm", kind: .boolean, help: "true to let remote providers be paid for lines, effects, music, the song and lip-syncs not made yet.")],
                   spends: true) { call in
            if call.arguments.bool("confirm") != true { try requireConfirm(call, "render", lipSync: true) }
            return try await call.exclusive("render") { production in
                MakeReport(try await call.studio.film(production, output: nil, burnSubtitles: call.arguments.bool("burnSubtitles"),
                                                      makeMissing: false, events: call.events))
            }
        },
        StudioTool(name: "export", title: "Export for an editor",
                   summary: "Writes the cut's timeline into renders/: OTIO, FCPXML, EDL, SRT, VTT, a Jianying draft, or the storyboard sheet.",
                   arguments: [project,
                               ToolArgument(name: "format", kind: .string, help: "What to write.", required: true,
                                            choices: ExportFormat.allCases.map(\.rawValue)),
                               ToolArgument(name: "bundle", kind: .boolean, help: "Copy the media next to the export, so the folder can be moved."),
                               ToolArgument(name: "confirm", kind: .boolean,
                                            help: "true to let remote providers be paid for lines, effects, music and the song a timeline's sound tracks need and that are not made yet.")],
                   spends: true) { call in
            let format = ExportFormat(rawValue: call.arguments.string("format") ?? "") ?? .otio
            let bundle = call.arguments.bool("bundle") ?? false
            if bundle && !format.refersToMedia {
                throw ReelError(.usage, "bundle applies to otio, fcpxml, edl and jianying; \(format.rawValue) has no media")
            }
            // A timeline carries every sound on its track: made here if a render has not.
            if format.refersToMedia, call.arguments.bool("confirm") != true { try requireConfirm(call, "export", lipSync: false) }
            return try await call.exclusive("export") { production in
                ExportReport(try await call.studio.export(production, ExportRequest(format: format, bundle: bundle), events: call.events))
            }
        },
        StudioTool(name: "stats", title: "Statistics",
                   summary: "Jobs by state, cache hits, money spent and committed, takes made per picked shot.",
                   arguments: [project], readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.stats(production)
        },
    ]
}

/// Answers a call that spends without `confirm: true` with its estimate (the dry run of
/// `estimate`), running nothing.
func refuseUnconfirmed(_ call: ToolCall, _ tool: String, estimate: (Production) async throws -> GenerateResult) async throws -> Never {
    let production = try call.open()
    defer { production.close() }
    let report = DryRunReport(try await estimate(production))
    let jobs = report.jobs.filter { $0.forecast != "reuse" }.count
    throw ToolRefusal(error: ReelError(.usage, "nothing was run: \(Plural.count(jobs, "job")) would run, estimated \(report.costText)",
                                       hint: "call \(tool) again with confirm: true to run it"), report: report)
}

/// Refuses a call that may pay for sound not made yet — lines voiced, effects, music, the song
/// (and, for a render, lip-syncs) by remote providers — unless it says `confirm: true`.
private func requireConfirm(_ call: ToolCall, _ tool: String, lipSync: Bool) throws {
    let production = try call.open()
    let config = production.config
    production.close()
    var paid: [String] = []
    if let voices = config.voices, voices.rawValue != "espeak" { paid.append("the lines are voiced by \(voices.rawValue)") }
    if let effects = config.effects, effects != ProjectConfig.proceduralEffects { paid.append("the sound effects are made by \(effects)") }
    if lipSync, let lipSync = config.lipSync { paid.append("model takes with lines are lip-synced by \(lipSync)") }
    if let music = config.music { paid.append("the scenes are scored by \(music)") }
    for (scene, cue) in config.sceneMusic.sorted(by: { $0.key.rawValue < $1.key.rawValue })
    where cue.model != nil && cue.model != config.music {
        paid.append("scene \(scene) is scored by \(cue.model!)")
    }
    if let song = config.song, let singer = song.provider ?? config.music { paid.append("the song is sung by \(singer)") }
    if !paid.isEmpty {
        throw ReelError(.usage, "nothing was run: \(paid.joined(separator: ", ")), which is paid for what is not made yet",
                        hint: "call \(tool) again with confirm: true to run it")
    }
}
