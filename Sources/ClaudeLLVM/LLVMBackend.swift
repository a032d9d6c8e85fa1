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

    public init(optLevel: Int = 2, debugInfo: Bool = false) {
        self.optLevel = optLevel
        self.debugInfo = debugInfo
    }
}

/// The LLVM backend: IR module → LLVM IR text, assembly, an executable, or a
/// JIT run. Every path generates, verifies and optimises the module the same way.
public enum LLVMBackend {
    /// Textual LLVM IR after optimization at options.optLevel.
    public static func emitLLVMIR(_ m: IRModule, options: LLVMOptions) throws -> String {
        try withModule(m, options: options, executable: true) { module, _ in
            takeMessage(LLVMPrintModuleToString(module))
        }
    }

    /// Target assembly.
    public static func emitAssembly(_ m: IRModule, options: LLVMOptions) throws -> String {
        try withModule(m, options: options, executable: true) { module, target in
            String(decoding: try target.emit(module, LLVMAssemblyFile), as: UTF8.self)
        }
    }

    /// Object file → `cc` (or $CC) link with the runtime archive → `output`,
    /// written to a temporary name in the same directory and renamed (atomic;
    /// a failed build leaves no file).
    public static func buildExecutable(_ m: IRModule, output: String, runtimeLibrary: String, options: LLVMOptions) throws {
        let object = try withModule(m, options: options, executable: true) { module, target in
            try target.emit(module, LLVMObjectFile)
        }
        let objPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("claudelang-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).o").path
        guard FileManager.default.createFile(atPath: objPath, contents: Data(object)) else {
            throw LLVMError("cannot write the object file \(objPath)")
        }
        defer { unlink(objPath) }
        try Linker.link(object: objPath, runtimeLibrary: runtimeLibrary, output: output)
    }

    /// Compile in-process with ORC LLJIT and run the program (via rt_run on
    /// the runtime's big stack); returns the exit status. Program args go to rt_set_args.
    public static func runJIT(_ m: IRModule, args: [String], options: LLVMOptions) throws -> Int32 {
        try JITRunner.run(m, args: args, options: options)
    }

    /// Compiles `m` for AOT in a fresh context and hands the optimised module to `body`.
    private static func withModule<R>(_ m: IRModule, options: LLVMOptions, executable: Bool,
                                      _ body: (LLVMModuleRef, TargetMachine) throws -> R) throws -> R {
        let ctx = LLVMContextCreate()!
        defer { LLVMContextDispose(ctx) }
        let target = try TargetMachine(options: options, forJIT: false)
        let module = try ModuleCompiler.compile(m, ctx: ctx, target: target, options: options, executable: executable)
        defer { LLVMDisposeModule(module) }
        return try body(module, target)
    }
}
