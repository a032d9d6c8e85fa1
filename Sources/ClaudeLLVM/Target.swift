import CLLVM
import ClaudeIR
import Foundation

/// An LLVM target machine for the host triple (PIC, since Debian's cc links
/// PIE), the optimisation pipeline and object/assembly emission.
final class TargetMachine {
    let ref: LLVMTargetMachineRef
    let triple: String

    /// `forJIT`: tune for the host CPU (and JIT code model); otherwise the
    /// generic CPU of the triple, or `options.cpu` ("native": the host's).
    /// `codegenOptLevel`: the code generator's level when it differs from
    /// `options.optLevel` (the fast tier of a split build). `jitObjects`:
    /// objects the JIT links (the small code model, whose code the fast
    /// instruction selector handles; the JIT's default is the large one).
    init(options: LLVMOptions, forJIT: Bool, codegenOptLevel: Int? = nil, jitObjects: Bool = false) throws {
        (ref, triple) = try TargetMachine.create(options: options, forJIT: forJIT, codegenOptLevel: codegenOptLevel,
                                                 jitObjects: jitObjects)
    }

    deinit { LLVMDisposeTargetMachine(ref) }

    /// A target machine the caller owns (the JIT hands one to ORC).
    static func create(options: LLVMOptions, forJIT: Bool, codegenOptLevel: Int? = nil,
                       jitObjects: Bool = false) throws -> (LLVMTargetMachineRef, String) {
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
        guard let tm = LLVMCreateTargetMachine(target, triple, cpu, features, codegenLevel(codegenOptLevel ?? options.optLevel),
                                               LLVMRelocPIC, jitObjects ? LLVMCodeModelSmall : forJIT ? LLVMCodeModelJITDefault : LLVMCodeModelDefault)
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

/// The compile step every entry point shares: IR → verified, optimised LLVM
/// module(s), one per partition of the plan (Partition.swift).
enum ModuleCompiler {
    /// Builds partition `index` of `plan` in `ctx` (the caller disposes the
    /// module); throws on malformed LLVM IR with the verifier's report. An
    /// optimised partition runs `default<On>`; a fast one no IR passes.
    static func compile(_ m: IRModule, plan: ModulePlan, partition index: Int, ctx: LLVMContextRef,
                        target: TargetMachine, options: LLVMOptions, executable: Bool) throws -> LLVMModuleRef {
        let cg = Codegen(m, ctx: ctx, options: options, moduleName: moduleName(m), plan: plan, partition: index)
        let module = cg.module
        target.configure(module)   // before codegen: the data layout decides alignments
        do {
            _ = try cg.generate(executable: executable)
            try verify(module)
            if plan.partitions[index].tier == .optimized {
                try target.optimize(module, level: options.optLevel)
            }
        } catch {
            LLVMDisposeModule(module)
            throw error
        }
        return module
    }

    /// The code generator's level for a partition.
    static func codegenLevel(_ tier: ModulePlan.Tier, _ options: LLVMOptions) -> Int {
        tier == .optimized ? options.optLevel : 0
    }

    /// Compiles every partition of `plan` for AOT (or to objects for the
    /// JIT), each in a fresh context
    /// with its own target machine, on up to `options.threads` threads (the
    /// biggest partitions first), and hands each optimised module to `body`
    /// (called on the compiling thread). Results are in partition order.
    static func forEachPartition<R>(_ m: IRModule, plan: ModulePlan, options: LLVMOptions, executable: Bool,
                                    forJIT: Bool = false,
                                    _ body: @escaping (LLVMModuleRef, TargetMachine, ModulePlan.Partition) throws -> R) throws -> [R] {
        LLVMSetup.initialize()
        let parts = plan.partitions
        func run(_ p: ModulePlan.Partition) throws -> R {
            let ctx = LLVMContextCreate()!
            defer { LLVMContextDispose(ctx) }
            let target = try TargetMachine(options: options, forJIT: forJIT,
                                           codegenOptLevel: codegenLevel(p.tier, options), jitObjects: forJIT)
            let module = try compile(m, plan: plan, partition: p.index, ctx: ctx, target: target,
                                     options: options, executable: executable)
            defer { LLVMDisposeModule(module) }
            return try body(module, target, p)
        }
        let threads = min(max(options.threads, 1), parts.count)
        if threads == 1 { return try parts.map(run) }

        let queue = parts.sorted { ($0.cost, -$0.index) > ($1.cost, -$1.index) }.map(\.index)
        let work = PartitionQueue(order: queue) { try run(parts[$0]) }
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<threads {
            let worker = Thread {
                work.drain()
                done.signal()
            }
            // LLVM recurses deeply on big functions: give the workers a main-thread-sized stack
            worker.stackSize = 64 << 20
            worker.start()
        }
        for _ in 0..<threads { done.wait() }
        return try work.results()
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

/// The partitions still to compile (in scheduling order) and the results,
/// shared by the worker threads. After a failure the workers stop taking work.
private final class PartitionQueue<R>: @unchecked Sendable {
    private let lock = NSLock()
    private let order: [Int]
    private let work: (Int) throws -> R
    private var taken = 0
    private var failed = false
    private var outcomes: [Result<R, Error>?]

    init(order: [Int], work: @escaping (Int) throws -> R) {
        self.order = order
        self.work = work
        outcomes = Array(repeating: nil, count: order.count)
    }

    /// Compiles partitions until none is left (or one failed).
    func drain() {
        while let i = take() {
            let outcome = Result { try work(i) }
            lock.lock()
            outcomes[i] = outcome
            if case .failure = outcome { failed = true }
            lock.unlock()
        }
    }

    private func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !failed, taken < order.count else { return nil }
        taken += 1
        return order[taken - 1]
    }

    /// The results in partition order; a failure (the first in partition order) is thrown.
    func results() throws -> [R] {
        lock.lock(); defer { lock.unlock() }
        for case .failure(let e)? in outcomes { throw e }
        return try outcomes.map { try $0!.get() }
    }
}
