import Foundation
import ClaudeSyntax

/// Front-end timing for the benchmark suite: how long lexing and parsing
/// take, measured in-process (a plain timed loop, median of batches).
public enum ParseBenchmark {
    public struct Result {
        public let nanosecondsPerParse: Double
        public let bytes: Int
        public var megabytesPerSecond: Double { Double(bytes) / nanosecondsPerParse * 1e9 / 1e6 }
    }

    /// Parses `text` `iterations` times per batch, `batches` batches; the
    /// median batch gives the time per parse.
    public static func measure(text: String, path: String = "<bench>", iterations: Int, batches: Int = 7) -> Result {
        let source = SourceFile(path: path, text: text)
        var perParse: [Double] = []
        var sink = 0
        for _ in 0..<max(1, batches) {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<max(1, iterations) {
                let diags = DiagnosticEngine()
                sink &+= Parser.parse(source, diags: diags).forms.count
            }
            let end = DispatchTime.now().uptimeNanoseconds
            perParse.append(Double(end - start) / Double(max(1, iterations)))
        }
        if sink == -1 { print(sink) }   // keep the work observable
        perParse.sort()
        return Result(nanosecondsPerParse: perParse[perParse.count / 2], bytes: source.bytes.count)
    }
}
