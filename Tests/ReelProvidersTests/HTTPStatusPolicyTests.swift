import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import Testing

@Suite struct HTTPStatusPolicyTests {
    let policy = HTTPStatusPolicy(provider: "Sim")

    @Test(arguments: [
        (429, JobFailure.Reason.rateLimited), (408, .transient), (409, .transient), (500, .transient), (502, .transient),
        (503, .transient), (504, .transient), (401, .auth), (403, .auth), (402, .budget), (410, .expired),
        (400, .invalidRequest), (404, .invalidRequest), (413, .invalidRequest), (415, .invalidRequest),
        (422, .invalidRequest),
    ])
    func statusesAreClassified(status: Int, reason: JobFailure.Reason) throws {
        let failure = try #require(policy.failure(for: HTTPResponse(status: status)))
        #expect(failure.reason == reason)
        #expect(failure.message.hasPrefix("Sim answered HTTP \(status)"))
    }

    @Test(arguments: [200, 201, 204, 299])
    func successesAreNotFailures(status: Int) {
        #expect(policy.failure(for: HTTPResponse(status: status)) == nil)
    }

    @Test(arguments: [
        (["Retry-After": "7"], 7.0),
        (["retry-after": "2.5"], 2.5),
        (["Retry-After": "Sun, 06 Nov 1994 08:49:47 GMT"], 30.0),
        (["Retry-After": "Sunday, 06-Nov-94 08:49:47 GMT"], 30.0),
        (["Retry-After": "Sun Nov  6 08:49:47 1994"], 30.0),
        (["Retry-After": "Sun, 06 Nov 1994 08:49:00 GMT"], 0.0),
        (["retry-after-ms": "1500", "Retry-After": "9"], 1.5),
    ])
    func retryAfterIsReadInEveryForm(headers: [String: String], seconds: Double) throws {
        let now = try #require(HTTPStatusPolicy.parseHTTPDate("Sun, 06 Nov 1994 08:49:17 GMT"))
        let failure = try #require(policy.failure(for: HTTPResponse(status: 429, headers: headers), now: now))
        #expect(failure.reason == .rateLimited)
        #expect(failure.retryAfter == seconds)
    }

    @Test func aRateLimitWithoutRetryAfterLeavesTheWaitToTheScheduler() throws {
        let failure = try #require(policy.failure(for: HTTPResponse(status: 429, headers: ["Retry-After": "soon"])))
        #expect(failure.retryAfter == nil)
    }

    @Test(arguments: [
        (#"{"error":{"message":"Invalid size","code":"invalid_size","type":"invalid_request_error"}}"#, "Invalid size", "invalid_size"),
        (#"{"error":{"message":"Slow down","type":"rate_limit"}}"#, "Slow down", "rate_limit"),
        (#"{"message":"quota exceeded","code":1102}"#, "quota exceeded", "1102"),
        (#"{"detail":{"msg":"bad prompt","code":"E7"}}"#, "bad prompt", "E7"),
        (#"{"detail":[{"msg":"field required","type":"missing"}]}"#, "field required", "missing"),
        (#"{"detail":"Not found"}"#, "Not found", nil),
        (#"{"error":"boom"}"#, "boom", nil),
    ])
    func providerMessagesAreReadFromCommonEnvelopes(body: String, message: String, code: String?) throws {
        let failure = try #require(policy.failure(for: HTTPResponse(status: 400, body: Data(body.utf8)), doing: "create a video"))
        #expect(failure.message == "Sim answered HTTP 400 to create a video: \(message)")
        #expect(failure.providerCode == code)
    }

    @Test func longOrOddBodiesGiveAShortMessage() throws {
        let long = String(repeating: "very long explanation ", count: 50)
        let failure = try #require(policy.failure(for: HTTPResponse(status: 500, body: Data(#"{"message":"\#(long)"}"#.utf8))))
        #expect(failure.message.count < 260)
        let html = try #require(policy.failure(for: HTTPResponse(status: 502, body: Data("<html>Bad gateway</html>".utf8))))
        #expect(html.message == "Sim answered HTTP 502")
    }

    @Test func secretsInProviderMessagesAreRedacted() throws {
        let body = #"{"error":{"message":"cannot fetch https://bucket.example.com/v.mp4?X-Amz-Signature=abc123&token=tok456 with key=sk-live-1234567890 (Bearer eyJhbGciOi)","code":"fetch_failed"}}"#
        let failure = try #require(policy.failure(for: HTTPResponse(status: 400, body: Data(body.utf8))))
        for secret in ["abc123", "tok456", "sk-live-1234567890", "eyJhbGciOi", "X-Amz-Signature"] {
            #expect(!failure.description.contains(secret), "\(secret) leaked into \(failure.description)")
        }
        #expect(failure.message.contains("https://bucket.example.com/v.mp4"))
    }
}
