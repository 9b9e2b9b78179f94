import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// The scenarios every task adapter is held to; each vendor's suite calls them with its own
/// faults and expectations.
extension TaskAdapterCase {
    /// A take is made, downloaded, measured, stored and paid for; no scratch file is left.
    func succeedsEndToEnd(cost: Money?) async throws {
        try await run(probe: true) { fake, h, adapter in
            let summary = try await take(h, adapter)
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(h.blobs.contains(output.asset))
            #expect(output.asset.mediaType == "video/mp4")
            #expect(output.asset.media?.width == 64 && output.asset.media?.height == 112)
            #expect(output.cost == cost)
            #expect(summary.spent == (cost.map { [$0] } ?? []))
            #expect(fake.tasks.count == 1)
            #expect(fake.downloads == 1)
            #expect(fake.requests("GET", "/files/").first?.header("authorization") == nil)
            #expect(try h.scratchFiles.isEmpty)
            #expect(await h.pollSleeper.waits.count >= 1)
            await expectNoSecret(h, summary, adapter)
        }
    }

    /// `fault` on `endpoint` fails the take as `reason` and is not retried.
    func failsPermanently(_ fault: FakeTaskServer.Fault, on endpoint: FakeTaskServer.Endpoint = .create,
                          as reason: JobFailure.Reason, code: String? = nil) async throws {
        try await run { fake, h, adapter in
            fake.scriptNext(fault, on: endpoint)
            let summary = try await take(h, adapter)
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == reason, "\(failure)")
            if let code { #expect(failure.providerCode == code) }
            #expect(creates(fake).count == 1)
            #expect(await h.sleeper.waits.isEmpty)
            #expect(summary.spent.isEmpty)
            await expectNoSecret(h, summary, adapter)
        }
    }

    /// `fault` on `endpoint` is waited out (`seconds`, as the vendor asked, when given) and
    /// the take then succeeds with one task made.
    func recovers(from fault: FakeTaskServer.Fault, on endpoint: FakeTaskServer.Endpoint, waiting seconds: Double? = nil,
                  requestTimeout: Double = 5) async throws {
        try await run(requestTimeout: requestTimeout) { fake, h, adapter in
            fake.scriptNext(fault, on: endpoint)
            let summary = try await take(h, adapter)
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(fake.tasks.count == 1)
            #expect(fake.downloads == 1)
            let waits = await h.sleeper.waits
            #expect(waits.count == 1)
            if let seconds { #expect(waits.allSatisfy { $0 >= seconds && $0 <= seconds * 1.1 }, "\(waits)") }
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    /// A poll that hangs times out and the retry polls the same task: one create, one task.
    func hungPollPollsTheSameTaskAgain() async throws {
        try await run(requestTimeout: 4) { fake, h, adapter in
            fake.scriptNext(.hang(seconds: 20), on: .poll)
            let summary = try await take(h, adapter)
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(creates(fake).count == 1)
            #expect(fake.tasks.count == 1)
        }
    }

    /// A dead result link, or a task the vendor forgot, makes the take again under a new key.
    func makesTheTakeAgain(after fault: FakeTaskServer.Fault, on endpoint: FakeTaskServer.Endpoint) async throws {
        try await run { fake, h, adapter in
            fake.scriptNext(fault, on: endpoint)
            let summary = try await take(h, adapter)
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(fake.tasks.count == 2)
            #expect(creates(fake).count == 2)
            #expect(fake.downloads == 1)
            #expect(await Self.key(h)?.hasSuffix("-r1") == true)
        }
    }

    /// A download cut short is never stored; the retry downloads the same task's file again.
    func truncatedDownloadIsNeverStored() async throws {
        try await run { fake, h, adapter in
            fake.scriptNext(.truncatedDownload, on: .download)
            let summary = try await take(h, adapter)
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(fake.tasks.count == 1)
            #expect(fake.requests("GET", "/files/").count == 2)
            #expect(fake.downloads == 1)
            #expect(try h.scratchFiles.isEmpty)
            #expect(h.blobs.contains(try #require(summary.outputs[Self.node]).asset))
        }
    }

    /// The entry's `check` accepts the right keys and calls wrong ones `auth`, without showing them.
    func checkAcceptsGoodKeysAndRefusesBadOnes(wrong: [String: String]) async throws {
        try await FakeTaskServer.serving(dialect) { fake in
            let support = try Self.support()
            let said = try await entry.check(config(fake), support)
            #expect(!said.isEmpty)
            let failure = await #expect(throws: JobFailure.self) { try await entry.check(config(fake, credentials: wrong), support) }
            #expect(failure?.reason == .auth)
            for secret in Array(wrong.values) + secrets { #expect(failure?.message.contains(secret) == false) }
        }
    }
}
