import Foundation

/// Settings shared by every command.
public struct Options {
    public var optLevel: Int = 2
    public var debugInfo = false
    public var contracts = true
    public var includeDirs: [String] = []
    public var linkLibs: [String] = []
    /// Run the IR verifier after lowering and after every pass (on in debug
    /// builds and in tests, or with CLAUDE_VERIFY_IR=1).
    public var verifyIR: Bool = {
        #if DEBUG
        return true
        #else
        return ProcessInfo.processInfo.environment["CLAUDE_VERIFY_IR"] == "1"
        #endif
    }()

    public init() {}

    /// libClaudeRuntime.a: $CLAUDE_RUNTIME_LIB, else next to this executable.
    public static func runtimeLibraryPath() throws -> String {
        if let p = ProcessInfo.processInfo.environment["CLAUDE_RUNTIME_LIB"] { return p }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [exe.deletingLastPathComponent().appendingPathComponent("libClaudeRuntime.a").path]
        if let real = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.insert(URL(fileURLWithPath: real).deletingLastPathComponent().appendingPathComponent("libClaudeRuntime.a").path, at: 0)
        }
        for c in candidates where FileManager.default.fileExists(atPath: c) { return c }
        throw DriverError("cannot find libClaudeRuntime.a (looked in \(candidates.joined(separator: ", "))); set CLAUDE_RUNTIME_LIB")
    }
}

public struct DriverError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}
