// Conformance: every sample program runs on every backend and must give exactly
// the expected stdout, stderr and exit status.
//
// Samples are the `*.cl` files under `Samples/` and `Tests/Conformance/` (any
// depth) that have at least one of these beside them:
//
//   NAME.expected              exact stdout (absent: empty)
//   NAME.expected-err          exact stderr (absent, and no -prefix file: empty)
//   NAME.expected-err-prefix   stderr must start with this text
//   NAME.expected-status       exit status as a number (absent: 0)
//
// Each sample is run from the repository root with a relative path, so error
// locations read `Samples/NAME.cl:LINE:COL`, with stdin from /dev/null:
//
//   vm   claudelang run --vm FILE
//   jit  claudelang run --jit FILE
//   aot  claudelang build FILE -o TMP, then TMP. For a sample whose expected
//        status is 2 (a compile error) `build` itself is compared instead.
//
// The *GCStress variants run the same with CLAUDE_GC_STRESS=1 (a collection at
// every allocation), except for the samples listed in a `.gc-stress-skip` file
// in Samples/ or Tests/Conformance/ (paths from the repository root, `#`
// comments).
//
// Environment:
//   CLAUDELANG_BIN           the claudelang executable to test (default: the one
//                            built next to this test bundle, else .build/debug)
//   CLAUDELANG_SAMPLES       comma-separated substrings: run only matching samples
//   CLAUDELANG_TEST_JOBS     how many samples run at once (default 2 to 4)
//   CLAUDELANG_TEST_TIMEOUT  seconds per process (default 120; 240 under GC stress)
//   CLAUDELANG_ROOT          the repository root (default: found from this file)

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

final class ConformanceTests: XCTestCase {
    func testVM() { check(.vm, gcStress: false) }
    func testJIT() { check(.jit, gcStress: false) }
    func testAOT() { check(.aot, gcStress: false) }
    func testVMGCStress() { check(.vm, gcStress: true) }
    func testJITGCStress() { check(.jit, gcStress: true) }
    func testAOTGCStress() { check(.aot, gcStress: true) }

    private func check(_ backend: Backend, gcStress: Bool, file: StaticString = #filePath, line: UInt = #line) {
        let mode = backend.rawValue + (gcStress ? "+gc-stress" : "")
        guard let root = Conformance.repositoryRoot() else {
            XCTFail("[\(mode)] cannot find the repository root (a directory holding Package.swift and Samples/)", file: file, line: line)
            return
        }
        guard let binary = Conformance.findBinary(root: root) else {
            XCTFail("""
                [\(mode)] the claudelang executable was not found: run `swift build` first \
                (looked next to the test bundle and in \(root.path)/.build/{debug,release}), \
                or set CLAUDELANG_BIN
                """, file: file, line: line)
            return
        }
        var samples = Conformance.findSamples(root: root)
        if samples.isEmpty {
            XCTFail("[\(mode)] no samples found under \(root.path)/Samples or Tests/Conformance", file: file, line: line)
            return
        }
        if let filter = ProcessInfo.processInfo.environment["CLAUDELANG_SAMPLES"], !filter.isEmpty {
            let parts = filter.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            samples = samples.filter { s in parts.contains { !$0.isEmpty && s.path.contains($0) } }
        }
        var skipped = 0
        if gcStress {
            let skip = Conformance.gcStressSkipList(root: root)
            let before = samples.count
            samples = samples.filter { !skip.contains($0.path) }
            skipped = before - samples.count
        }

        let runner = Conformance.Runner(root: root, binary: binary, backend: backend, gcStress: gcStress)
        let failures = runner.runAll(samples)
        for failure in failures {
            XCTFail(failure, file: file, line: line)
        }
        let skipNote = skipped > 0 ? ", \(skipped) skipped under GC stress" : ""
        print("conformance \(mode): \(samples.count - failures.count) of \(samples.count) samples match\(skipNote) (binary: \(binary))")
    }
}

enum Backend: String {
    case vm, jit, aot
}

struct Sample {
    /// Path relative to the repository root, e.g. `Samples/fib.cl`.
    let path: String
    let expectedStdout: Data
    let expectedStderr: Data
    let stderrIsPrefix: Bool
    let expectedStatus: Int32
    /// Program arguments from `NAME.args` (one per line), passed after `--`
    /// to `claudelang run` and directly to the built executable.
    let arguments: [String]
}

struct ProcessResult {
    var stdout = Data()
    var stderr = Data()
    var status: Int32 = 0
    /// Set when the process was ended by a signal (then `status` is the signal number).
    var signal: Int32?
    var timedOut = false
    var launchError: String?

    var statusText: String {
        if timedOut { return "killed after timeout" }
        if let launchError { return "could not start: \(launchError)" }
        if let signal { return "killed by signal \(signal)" }
        return "\(status)"
    }
}

enum Conformance {
    static let sampleDirectories = ["Samples", "Tests/Conformance"]

    // MARK: Locating things

    /// The package root: walk up from this source file, then from the current directory.
    static func repositoryRoot() -> URL? {
        if let env = ProcessInfo.processInfo.environment["CLAUDELANG_ROOT"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let starts = [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent(),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        ]
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                let fm = FileManager.default
                if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
                   fm.fileExists(atPath: dir.appendingPathComponent("Samples").path) {
                    return dir
                }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    /// CLAUDELANG_BIN, else `claudelang` in the directory the test bundle was built
    /// into (so `swift test -c release` tests the release build), else .build/debug.
    static func findBinary(root: URL) -> String? {
        if let env = ProcessInfo.processInfo.environment["CLAUDELANG_BIN"], !env.isEmpty {
            let url = URL(fileURLWithPath: env, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            return isExecutableFile(url.path) ? url.path : nil
        }
        var dirs: [URL] = []
        var starts: [URL] = [Bundle(for: ConformanceTests.self).bundleURL, Bundle.main.bundleURL]
        if let exe = Bundle.main.executableURL { starts.append(exe) }
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty { starts.append(URL(fileURLWithPath: arg0)) }
        for start in starts {
            // The bundle itself may be a directory (macOS .xctest) or the test
            // executable (Linux); look in it and in up to three parents.
            var dir = start.standardizedFileURL
            for _ in 0..<4 {
                dirs.append(dir)
                dir = dir.deletingLastPathComponent()
            }
        }
        dirs.append(root.appendingPathComponent(".build/debug"))
        dirs.append(root.appendingPathComponent(".build/release"))
        for dir in dirs {
            let candidate = dir.appendingPathComponent("claudelang").path
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    static func findSamples(root: URL) -> [Sample] {
        let fm = FileManager.default
        var samples: [Sample] = []
        for sub in sampleDirectories {
            let dir = root.appendingPathComponent(sub)
            guard let walker = fm.enumerator(atPath: dir.path) else { continue }
            while let rel = walker.nextObject() as? String {
                guard rel.hasSuffix(".cl") else { continue }
                let path = sub + "/" + rel
                let base = root.appendingPathComponent(String(path.dropLast(3))).path
                let read = { (suffix: String) -> Data? in fm.contents(atPath: base + suffix) }
                let stdout = read(".expected")
                let stderr = read(".expected-err")
                let prefix = read(".expected-err-prefix")
                let statusData = read(".expected-status")
                if stdout == nil && stderr == nil && prefix == nil && statusData == nil { continue }
                var status: Int32 = 0
                if let statusData {
                    let text = String(decoding: statusData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    status = Int32(text) ?? -1000 // an unreadable file can never match
                }
                let arguments = read(".args").map {
                    String(decoding: $0, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                        .map(String.init).dropLast(String(decoding: $0, as: UTF8.self).hasSuffix("\n") ? 1 : 0)
                } ?? []
                samples.append(Sample(path: path, expectedStdout: stdout ?? Data(),
                                      expectedStderr: stderr ?? prefix ?? Data(),
                                      stderrIsPrefix: stderr == nil && prefix != nil,
                                      expectedStatus: status, arguments: Array(arguments)))
            }
        }
        return samples.sorted { $0.path < $1.path }
    }

    static func gcStressSkipList(root: URL) -> Set<String> {
        var skip = Set<String>()
        for sub in sampleDirectories {
            let file = root.appendingPathComponent(sub).appendingPathComponent(".gc-stress-skip").path
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            for raw in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let entry = line.trimmingCharacters(in: .whitespaces)
                if !entry.isEmpty { skip.insert(entry) }
            }
        }
        return skip
    }

    // MARK: Running

    final class Runner: @unchecked Sendable {
        let root: URL
        let binary: String
        let backend: Backend
        let gcStress: Bool
        let timeout: Double
        let scratch: URL
        let environment: [String: String]
        let buildEnvironment: [String: String]
        private let lock = NSLock()
        private var next = 0
        private var failures: [Int: String] = [:]

        init(root: URL, binary: String, backend: Backend, gcStress: Bool) {
            self.root = root
            self.binary = binary
            self.backend = backend
            self.gcStress = gcStress
            let env = ProcessInfo.processInfo.environment
            timeout = env["CLAUDELANG_TEST_TIMEOUT"].flatMap(Double.init) ?? (gcStress ? 240 : 120)
            var base = env
            base["CLAUDE_GC_STRESS"] = nil
            base["CLAUDE_GC_STATS"] = nil
            buildEnvironment = base
            if gcStress { base["CLAUDE_GC_STRESS"] = "1" }
            environment = base
            scratch = FileManager.default.temporaryDirectory
                .appendingPathComponent("claudelang-conformance-\(getpid())-\(backend.rawValue)\(gcStress ? "-gc" : "")-\(UUID().uuidString.prefix(8))")
        }

        /// Runs every sample on a few threads; returns one message per failing sample, in sample order.
        func runAll(_ samples: [Sample]) -> [String] {
            do {
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            } catch {
                return ["[\(modeName)] cannot create scratch directory \(scratch.path): \(error)"]
            }
            defer { try? FileManager.default.removeItem(at: scratch) }

            let env = ProcessInfo.processInfo.environment
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let jobs = max(1, env["CLAUDELANG_TEST_JOBS"].flatMap { Int($0) } ?? min(4, max(2, cores)))
            let group = DispatchGroup()
            for _ in 0..<min(jobs, samples.count) {
                group.enter()
                let thread = Thread { [self] in
                    while let index = takeNext(limit: samples.count) {
                        if let failure = check(samples[index], index: index) {
                            lock.lock(); failures[index] = failure; lock.unlock()
                        }
                    }
                    group.leave()
                }
                thread.stackSize = 4 << 20
                thread.start()
            }
            group.wait()
            return failures.keys.sorted().map { failures[$0]! }
        }

        private func takeNext(limit: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < limit else { return nil }
            next += 1
            return next - 1
        }

        var modeName: String { backend.rawValue + (gcStress ? "+gc-stress" : "") }

        /// Runs one sample; nil when everything matches, else a readable report.
        func check(_ sample: Sample, index: Int) -> String? {
            let header = "[\(modeName)] \(sample.path)"
            switch backend {
            case .vm, .jit:
                let programArgs = sample.arguments.isEmpty ? [] : ["--"] + sample.arguments
                let result = run(binary, ["run", "--\(backend.rawValue)", sample.path] + programArgs, environment: environment, tag: "\(index)")
                return compare(sample, result, header: header, command: "claudelang run --\(backend.rawValue) \(sample.path)")
            case .aot:
                let exe = scratch.appendingPathComponent("sample-\(index)").path
                let buildCommand = "claudelang build \(sample.path) -o \(exe)"
                let build = run(binary, ["build", sample.path, "-o", exe], environment: buildEnvironment, tag: "\(index)-build")
                if sample.expectedStatus == 2 {
                    // A compile error: `build` itself must report it, and leave no executable.
                    var report = compare(sample, build, header: header, command: buildCommand)
                    if build.status != 0, FileManager.default.fileExists(atPath: exe) {
                        report = (report.map { $0 + "\n" } ?? header + ": ")
                            + "a failed build left an output file at \(exe)"
                    }
                    return report
                }
                guard build.status == 0, build.signal == nil, !build.timedOut, build.launchError == nil else {
                    return """
                        \(header): build failed (\(buildCommand)): exit status \(build.statusText)
                        --- build stderr ---
                        \(Conformance.excerpt(build.stderr))
                        """
                }
                defer { try? FileManager.default.removeItem(atPath: exe) }
                let result = run(exe, sample.arguments, environment: environment, tag: "\(index)")
                return compare(sample, result, header: header, command: "\(buildCommand) && \(exe)")
            }
        }

        func compare(_ sample: Sample, _ result: ProcessResult, header: String, command: String) -> String? {
            var problems: [String] = []
            if result.timedOut || result.launchError != nil {
                problems.append("exit status: expected \(sample.expectedStatus), got \(result.statusText)")
            } else if result.signal != nil || result.status != sample.expectedStatus {
                problems.append("exit status: expected \(sample.expectedStatus), got \(result.statusText)")
            }
            if result.stdout != sample.expectedStdout {
                problems.append(Conformance.describeDifference(stream: "stdout", expected: sample.expectedStdout, actual: result.stdout, prefix: false))
            }
            let stderrOK = sample.stderrIsPrefix
                ? result.stderr.starts(with: sample.expectedStderr)
                : result.stderr == sample.expectedStderr
            if !stderrOK {
                problems.append(Conformance.describeDifference(stream: "stderr", expected: sample.expectedStderr, actual: result.stderr, prefix: sample.stderrIsPrefix))
            } else if !problems.isEmpty && !result.stderr.isEmpty {
                problems.append("--- stderr (as expected) ---\n" + Conformance.excerpt(result.stderr))
            }
            if problems.isEmpty { return nil }
            return "\(header): \(command)\n" + problems.joined(separator: "\n")
        }

        /// Runs a process from the repository root with stdin from /dev/null, its
        /// output going to files (no pipe can fill up), killed after `timeout`.
        func run(_ executable: String, _ arguments: [String], environment: [String: String], tag: String) -> ProcessResult {
            var result = ProcessResult()
            let fm = FileManager.default
            let outPath = scratch.appendingPathComponent("\(tag).stdout").path
            let errPath = scratch.appendingPathComponent("\(tag).stderr").path
            defer {
                try? fm.removeItem(atPath: outPath)
                try? fm.removeItem(atPath: errPath)
            }
            guard fm.createFile(atPath: outPath, contents: nil), fm.createFile(atPath: errPath, contents: nil),
                  let outHandle = FileHandle(forWritingAtPath: outPath),
                  let errHandle = FileHandle(forWritingAtPath: errPath),
                  let nullHandle = FileHandle(forReadingAtPath: "/dev/null") else {
                result.launchError = "cannot create output files in \(scratch.path)"
                return result
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.currentDirectoryURL = root
            process.environment = environment
            process.standardInput = nullHandle
            process.standardOutput = outHandle
            process.standardError = errHandle
            let finished = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in finished.signal() }
            do {
                try process.run()
            } catch {
                try? outHandle.close(); try? errHandle.close(); try? nullHandle.close()
                result.launchError = "\(error)"
                return result
            }
            if finished.wait(timeout: .now() + timeout) == .timedOut {
                result.timedOut = true
                let pid = process.processIdentifier
                // Foundation starts the child as the leader of its own process group:
                // kill the group so that its children (a linker, say) go too.
                if getpgid(pid) == pid { kill(-pid, SIGKILL) }
                kill(pid, SIGKILL)
                finished.wait()
            }
            process.waitUntilExit()
            try? outHandle.close(); try? errHandle.close(); try? nullHandle.close()
            result.stdout = fm.contents(atPath: outPath) ?? Data()
            result.stderr = fm.contents(atPath: errPath) ?? Data()
            result.status = process.terminationStatus
            if process.terminationReason == .uncaughtSignal { result.signal = process.terminationStatus }
            return result
        }
    }

    // MARK: Reporting

    static let excerptLimit = 2000

    /// The text, cut to a readable size.
    static func excerpt(_ data: Data) -> String {
        if data.isEmpty { return "(empty)" }
        let text = String(decoding: data, as: UTF8.self)
        if text.count <= excerptLimit { return text.hasSuffix("\n") ? String(text.dropLast()) : text + "\n(no newline at end)" }
        return String(text.prefix(excerptLimit)) + "\n... (\(text.count - excerptLimit) more characters)"
    }

    /// A line in double quotes with invisible characters made visible.
    static func quoted(_ line: String) -> String {
        var out = "\""
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func describeDifference(stream: String, expected: Data, actual: Data, prefix: Bool) -> String {
        let exp = String(decoding: expected, as: UTF8.self)
        let act = String(decoding: actual, as: UTF8.self)
        let expLines = exp.components(separatedBy: "\n")
        let actLines = act.components(separatedBy: "\n")
        var where_ = ""
        for i in 0..<max(expLines.count, actLines.count) {
            let e = i < expLines.count ? expLines[i] : nil
            let a = i < actLines.count ? actLines[i] : nil
            // For a prefix, the expected text's last (partial) line need only start the actual line.
            if prefix && i == expLines.count - 1, let e, let a, a.hasPrefix(e) { break }
            if e != a {
                where_ = """
                    first difference at line \(i + 1):
                      expected: \(e.map(quoted) ?? "(end of output)")
                      actual:   \(a.map(quoted) ?? "(end of output)")
                    """
                break
            }
        }
        if where_.isEmpty { where_ = "the texts differ only in their line endings or in invalid UTF-8" }
        return """
            \(stream) differs\(prefix ? " (expected a prefix)" : ""); \(where_)
            --- expected \(stream)\(prefix ? " prefix" : "") ---
            \(excerpt(expected))
            --- actual \(stream) ---
            \(excerpt(actual))
            """
    }
}
