import CLLVM
import ClaudeIR

/// An LLVM target machine for the host triple (PIC, since Debian's cc links
/// PIE), the optimisation pipeline and object/assembly emission.
final class TargetMachine {
    let ref: LLVMTargetMachineRef
    let triple: String

    /// `forJIT`: tune for the host CPU (and JIT code model); otherwise the
    /// generic CPU of the triple, or `options.cpu` ("native": the host's).
    init(options: LLVMOptions, forJIT: Bool) throws {
        (ref, triple) = try TargetMachine.create(options: options, forJIT: forJIT)
    }

    deinit { LLVMDisposeTargetMachine(ref) }

    /// A target machine the caller owns (the JIT hands one to ORC).
    static func create(options: LLVMOptions, forJIT: Bool) throws -> (LLVMTargetMachineRef, String) {
        LLVMSetup.initialize()
        let triple = takeMessage(LLVMGetDefaultTargetTriple())
        var target: LLVMTargetRef?
        var err: UnsafeMutablePointer<CChar>?
        if LLVMGetTargetFromTriple(triple, &target, &err) != 0 {
            throw LLVMError("no target for \(triple): \(takeMessage(err))")
        }
        let native = forJIT || options.cpu == "native"
        let cpu = native ? takeMessage(LLVMGetHostCPUName()) : (options.cpu ?? "generic")
        let features = native ? takeMessage(LLVMGetHostCPUFeatures()) : ""
        guard let tm = LLVMCreateTargetMachine(target, triple, cpu, features, codegenLevel(options.optLevel),
                                               LLVMRelocPIC, forJIT ? LLVMCodeModelJITDefault : LLVMCodeModelDefault)
        else { throw LLVMError("cannot create a target machine for \(triple) (cpu \(cpu))") }
        return (tm, triple)
    }

    static func codegenLevel(_ optLevel: Int) -> LLVMCodeGenOptLevel {
        switch optLevel {
        case ...0: return LLVMCodeGenLevelNone
        case 1: return LLVMCodeGenLevelLess
        case 2: return LLVMCodeGenLevelDefault
        default: return LLVMCodeGenLevelAggressive
        }
    }

    /// Sets the module's triple and data layout to this machine's.
    func configure(_ module: LLVMModuleRef) {
        LLVMSetTarget(module, triple)
        let layout = LLVMCreateTargetDataLayout(ref)
        LLVMSetModuleDataLayout(module, layout)
        LLVMDisposeTargetData(layout)
    }

    /// Runs the new pass manager's `default<On>` pipeline.
    func optimize(_ module: LLVMModuleRef, level: Int) throws {
        let opts = LLVMCreatePassBuilderOptions()
        defer { LLVMDisposePassBuilderOptions(opts) }
        let n = min(max(level, 0), 3)
        try check(LLVMRunPasses(module, "default<O\(n)>", ref, opts), "optimisation pipeline")
    }

    /// Machine code for the module: an object file or assembly text.
    func emit(_ module: LLVMModuleRef, _ kind: LLVMCodeGenFileType) throws -> [UInt8] {
        var err: UnsafeMutablePointer<CChar>?
        var buf: LLVMMemoryBufferRef?
        if LLVMTargetMachineEmitToMemoryBuffer(ref, module, kind, &err, &buf) != 0 {
            throw LLVMError("code generation failed: \(takeMessage(err))")
        }
        defer { LLVMDisposeMemoryBuffer(buf) }
        let start = UnsafeRawPointer(LLVMGetBufferStart(buf)!)
        return Array(UnsafeRawBufferPointer(start: start, count: LLVMGetBufferSize(buf)))
    }
}

/// The compile step every entry point shares: IR → verified, optimised LLVM module.
enum ModuleCompiler {
    /// Builds the module in `ctx` (the caller disposes it); throws on
    /// malformed LLVM IR with the verifier's report.
    static func compile(_ m: IRModule, ctx: LLVMContextRef, target: TargetMachine,
                        options: LLVMOptions, executable: Bool) throws -> LLVMModuleRef {
        let cg = Codegen(m, ctx: ctx, options: options, moduleName: moduleName(m))
        let module = cg.module
        target.configure(module)   // before codegen: the data layout decides alignments
        do {
            _ = try cg.generate(executable: executable)
            try verify(module)
            try target.optimize(module, level: options.optLevel)
        } catch {
            LLVMDisposeModule(module)
            throw error
        }
        return module
    }

    static func verify(_ module: LLVMModuleRef) throws {
        var msg: UnsafeMutablePointer<CChar>?
        if LLVMVerifyModule(module, LLVMReturnStatusAction, &msg) != 0 {
            throw LLVMError("generated LLVM IR is invalid:\n\(takeMessage(msg))")
        }
        LLVMDisposeMessage(msg)
    }

    private static func moduleName(_ m: IRModule) -> String {
        m.functions.indices.contains(m.entry.index) ? m.function(m.entry).span.file : "claudelang"
    }
}
