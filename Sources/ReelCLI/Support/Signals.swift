import Dispatch
import Foundation

/// SIGINT and SIGTERM for the commands that run until told to stop (the simulator, a
/// worker): taken over from their default action, and told each time they come.
enum Signals {
    /// Every SIGINT and SIGTERM from now on; cancel the sources to stop listening.
    static func termination() -> (AsyncStream<Int32>, [any DispatchSourceSignal]) {
        let (stream, received) = AsyncStream.makeStream(of: Int32.self)
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { received.yield(number) }
            source.resume()
            return source
        }
        return (stream, sources)
    }
}
