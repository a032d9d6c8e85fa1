import Foundation

/// Links object files into an executable with the system C compiler.
enum Linker {
    /// `cc OBJECTS... RUNTIME -lm -lpthread -ldl -o TMP` (`$CC` if set; it may carry
    /// flags, e.g. "ccache gcc"), then renames TMP to `output`, so a failed
    /// link never leaves a file at `output`.
    static func link(objects: [String], runtimeLibrary: String, output: String) throws {
        let outURL = URL(fileURLWithPath: output)
        let tmp = outURL.deletingLastPathComponent()
            .appendingPathComponent(".\(outURL.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        defer { unlink(tmp) }
        let ccWords = (ProcessInfo.processInfo.environment["CC"] ?? "cc").split(separator: " ").map(String.init)
        let args = (ccWords.isEmpty ? ["cc"] : ccWords) + objects + [runtimeLibrary, "-lm", "-lpthread", "-ldl", "-o", tmp]
        let (status, diagnostics) = try run(args)
        guard status == 0 else {
            throw LLVMError("linking failed (\(args.joined(separator: " ")) exited with status \(status))\n\(diagnostics)")
        }
        guard rename(tmp, output) == 0 else {
            throw LLVMError("cannot rename \(tmp) to \(output): \(String(cString: strerror(errno)))")
        }
    }

    /// Runs a program found on PATH with an argument array; returns its exit
    /// status and combined stdout/stderr.
    private static func run(_ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { throw LLVMError("cannot run \(args[0]): \(error)") }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }
}
