import Foundation
import ClaudeSyntax
#if canImport(Glibc)
import Glibc
#endif

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
    ///
    /// Each iteration frees the previous AST. With glibc's default (adaptive)
    /// thresholds that free can hand the heap back to the kernel, so the next
    /// parse re-faults and re-zeroes it: a cost of the loop, not of parsing,
    /// and one that comes and goes with unrelated allocation sizes. The trim
    /// threshold is pinned so that every iteration sees the same warm heap.
    public static func measure(text: String, path: String = "<bench>", iterations: Int, batches: Int = 7) -> Result {
        pinMallocThresholds()
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

    /// `mallopt(M_TRIM_THRESHOLD, INT_MAX)` (the constant of glibc's malloc.h,
    /// which Swift does not import); it also stops the mmap threshold adapting.
    private static func pinMallocThresholds() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-1, Int32.max)     // M_TRIM_THRESHOLD
        #endif
    }
}
