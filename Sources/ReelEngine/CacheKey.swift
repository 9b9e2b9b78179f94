import Crypto
import struct ReelModel.Digest
import Foundation
import ReelModel

/// The identity of a job's output: SHA-256 over the canonical JSON of the node kind, its
/// version, provider, model, normalized params, seed and the digests of its inputs by
/// position.
public struct CacheKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public let digest: Digest

    public init(digest: Digest) { self.digest = digest }

    /// Computes the key of `spec` applied to inputs with these digests.
    public init(spec: JobSpec, inputs: [Digest]) {
        var object: [String: JSONValue] = [
            "schema": "reel.job/1",
            "kind": .string(spec.kind.rawValue),
            "kindVersion": .int(Int64(spec.kindVersion)),
            "provider": .string(spec.provider.rawValue),
            "model": .string(spec.model),
            "params": spec.params,
            "inputs": .array(inputs.map { .string($0.rawValue) }),
        ]
        if let seed = spec.seed { object["seed"] = .string(String(seed)) }
        self.digest = Hashing.sha256(Data(JSONValue.object(object).canonical.utf8))
    }

    public var description: String { digest.short }
}

/// SHA-256 of bytes and of files, streamed so large videos are never held in memory.
public enum Hashing {
    public static func sha256(_ data: Data) -> Digest {
        Digest(rawValue: SHA256.hash(data: data).hexString)!
    }

    public static func sha256(_ string: String) -> Digest { sha256(Data(string.utf8)) }

    /// Hashes the file at `url` in 1 MiB chunks; returns the digest and the byte count.
    public static func sha256(fileAt url: URL) throws -> (digest: Digest, byteCount: Int64) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ReelError(.notFound, "cannot open \(url.lastPathComponent) to hash it", at: url.path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var count: Int64 = 0
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            count += Int64(chunk.count)
        }
        return (Digest(rawValue: hasher.finalize().hexString)!, count)
    }

    /// A seed derived from text: stable across runs and platforms.
    public static func seed(_ text: String) -> UInt64 {
        let bytes = Array(SHA256.hash(data: Data(text.utf8)))
        return bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}

extension Sequence where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SHA256.Digest {
    var hexString: String { Array(self).hexString }
}
