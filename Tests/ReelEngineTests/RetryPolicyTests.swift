import ReelEngine
import ReelModel
import Testing

/// Waiting out a rate limit does not use up the tries a job has for real errors: a provider
/// that answers 429 three times and 503 once must still get its job made.
@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, maxRateLimitedAttempts: 12)
    let unavailable = JobFailure(.transient, "503")
    let busy = JobFailure(.rateLimited, "429")

    @Test func rateLimitedAttemptsDoNotCountAgainstTransientOnes() {
        // Attempt 4 failed with a 503 after three 429s: one real error so far.
        #expect(policy.allowsRetry(unavailable, attempt: 4, rateLimited: 3))
        // Four real errors: no more.
        #expect(!policy.allowsRetry(unavailable, attempt: 7, rateLimited: 3))
        #expect(!policy.allowsRetry(unavailable, attempt: 4))
    }

    @Test func rateLimitsHaveTheirOwnBudget() {
        #expect(policy.allowsRetry(busy, attempt: 11, rateLimited: 11))
        #expect(!policy.allowsRetry(busy, attempt: 12, rateLimited: 12))
        #expect(!policy.allowsRetry(JobFailure(.invalidRequest, "400"), attempt: 1))
    }
}
