import CLLVM
import ClaudeIR
import Foundation

/// Options of the LLVM backend.
public struct LLVMOptions {
    /// 0...3: the `default<On>` pass pipeline and the code generator's level.
    public var optLevel: Int
    /// Emit DWARF line information (`-g`).
    public var debugInfo: Bool
    /// Target CPU for AOT output: nil for the triple's generic CPU, "native"
    /// for the host's (the JIT always uses the host's).
    public var cpu: String? = nil
    /// Programs with more IR instructions than this are split into
    /// partitions compiled in parallel, with hot and cold functions tiered
    /// (Partition.swift). Default: $CLAUDE_LLVM_SPLIT_THRESHOLD, else 4000.
    public var splitThreshold: Int
    /// Threads compiling partitions. Default: $CLAUDE_LLVM_THREADS, else the active processor count.
    public var threads: Int

    public init(optLevel: Int = 2, debugInfo: Bool = false) {
        self.optLevel = optLevel
        self.debugInfo = debugInfo
        let env = ProcessInfo.processInfo.environment
        splitThreshold = env["CLAUDE_LLVM_SPLIT_THRESHOLD"].flatMap { Int($0) } ?? 4000
        threads = env["CLAUDE_LLVM_THREADS"].flatMap { Int($0) } ?? ProcessInfo.processInfo.activeProcessorCount
    }
}

/// The LLVM backend: IR module → LLVM IR text, assembly, an executable, or a
/// JIT run. Every path plans, generates, verifies and optimises the
/// partitions the same way (Partition.swift); the JIT compiles a small
/// program as one IR module, a big one as the partitions' objects.
public enum LLVMBackend {
    /// Textual LLVM IR after optimization at options.optLevel (the partitions
    /// one after the other when the program is split).
    public static func emitLLVMIR(_ m: IRModule, options: LLVMOptions) throws -> String {
        try joined(m, options: options) { module, _ in takeMessage(LLVMPrintModuleToString(module)) }
    }

    /// Target assembly.
    public static func emitAssembly(_ m: IRModule, options: LLVMOptions) throws -> String {
        try joined(m, options: options) { module, target in
            String(decoding: try target.emit(module, LLVMAssemblyFile), as: UTF8.self)
        }
    }

    /// Object file(s) → `cc` (or $CC) link with the runtime archive → `output`,
    /// written to a temporary name in the same directory and renamed (atomic;
    /// a failed build leaves no file).
    public static func buildExecutable(_ m: IRModule, output: String, runtimeLibrary: String, options: LLVMOptions) throws {
        let plan = ModulePlan.make(m, options: options)
        let objects = try ModuleCompiler.forEachPartition(m, plan: plan, options: options, executable: true) { module, target, _ in
            try target.emit(module, LLVMObjectFile)
        }
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("claudelang-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        var paths: [String] = []
        defer { paths.forEach { unlink($0) } }
        for (i, object) in objects.enumerated() {
            let path = "\(base)-\(i).o"
            guard FileManager.default.createFile(atPath: path, contents: Data(object)) else {
                throw LLVMError("cannot write the object file \(path)")
            }
            paths.append(path)
        }
        try Linker.link(objects: paths, runtimeLibrary: runtimeLibrary, output: output)
    }

    /// Compile in-process with ORC LLJIT and run the program (via rt_run on
    /// the runtime's big stack); returns the exit status. Program args go to rt_set_args.
    public static func runJIT(_ m: IRModule, args: [String], options: LLVMOptions) throws -> Int32 {
        try JITRunner.run(m, args: args, options: options)
    }

    /// The text `body` makes of each partition, with a header per partition when there are several.
    private static func joined(_ m: IRModule, options: LLVMOptions,
                               _ body: @escaping (LLVMModuleRef, TargetMachine) throws -> String) throws -> String {
        let plan = ModulePlan.make(m, options: options)
        let texts = try ModuleCompiler.forEachPartition(m, plan: plan, options: options, executable: true) { module, target, p in
            guard plan.isSplit else { return try body(module, target) }
            let tier = p.tier == .optimized
                ? "optimised: default<O\(options.optLevel)>, -O\(options.optLevel) code generation"
                : "fast: no IR passes, -O0 code generation"
            return "; ---- partition \(p.index + 1) of \(plan.partitions.count) (\(tier)) ----\n" + (try body(module, target))
        }
        return texts.joined(separator: "\n")
    }
}
