import CLLVM
import ClaudeIR
import ClaudeRuntime
import Foundation

/// Runs a module in process with ORC LLJIT. Runtime symbols resolve to the
/// copy of the runtime linked into this process: they are defined as absolute
/// symbols (RuntimeSymbols), so nothing depends on what the executable exports. libc/libm symbols that
/// optimised code may reference come from a process-symbol generator.
///
/// A big program (one that an AOT build would split, Partition.swift) is
/// compiled the same way: its partitions are compiled to objects in
/// parallel, each at its tier's levels, and the JIT links the objects.
enum JITRunner {
    static func run(_ m: IRModule, args: [String], options: LLVMOptions) throws -> Int32 {
        var plan = ModulePlan.make(m, options: options)
        if plan.isSplit {
            plan.hiddenSymbols = false
            return try runObjects(m, plan: plan, args: args, options: options)
        }
        let tsc = LLVMOrcCreateNewThreadSafeContext()!
        defer { LLVMOrcDisposeThreadSafeContext(tsc) }
        let target = try TargetMachine(options: options, forJIT: true)
        let module = try ModuleCompiler.compile(m, plan: .single(m, optLevel: options.optLevel), partition: 0,
                                                ctx: LLVMOrcThreadSafeContextGetContext(tsc), target: target,
                                                options: options, executable: false)
        let tsm = LLVMOrcCreateNewThreadSafeModule(module, tsc)!

        let (jit, jd) = try createJIT(m, options: options, tsm: tsm)
        defer { LLVMConsumeError(LLVMOrcDisposeLLJIT(jit)) }
        try check(LLVMOrcLLJITAddLLVMIRModule(jit, jd, tsm), "adding the module to the JIT")
        return try runEntry(jit, m, args: args)
    }

    /// Compiles the partitions of `plan` to objects and runs them.
    private static func runObjects(_ m: IRModule, plan: ModulePlan, args: [String], options: LLVMOptions) throws -> Int32 {
        let objects = try ModuleCompiler.forEachPartition(m, plan: plan, options: options, executable: false,
                                                          forJIT: true) { module, target, _ in
            try target.emit(module, LLVMObjectFile)
        }
        let (jit, jd) = try createJIT(m, options: options, tsm: nil)
        defer { LLVMConsumeError(LLVMOrcDisposeLLJIT(jit)) }
        for (i, object) in objects.enumerated() {
            let buffer = object.withUnsafeBytes { bytes in
                LLVMCreateMemoryBufferWithMemoryRangeCopy(bytes.baseAddress!.assumingMemoryBound(to: CChar.self),
                                                          bytes.count, "partition\(i).o")!
            }
            // the JIT owns the buffer from here on
            try check(LLVMOrcLLJITAddObjectFile(jit, jd, buffer), "adding an object to the JIT")
        }
        return try runEntry(jit, m, args: args)
    }

    /// Runs `claude_main`, then unregisters the globals (the JIT's memory goes away with it).
    private static func runEntry(_ jit: LLVMOrcLLJITRef, _ m: IRModule, args: [String]) throws -> Int32 {
        let entry = try lookup(jit, "claude_main")
        let globals = m.globals.isEmpty ? nil : try lookup(jit, "claude_globals")
        let status = runOnRuntimeStack(entry, args: args)
        if let globals { rt_remove_roots(UnsafeMutablePointer<rt_val>(bitPattern: UInt(globals))) }
        return status
    }

    /// An LLJIT for the host with the runtime's symbols defined in its main dylib.
    /// On failure the thread-safe module (if any) is disposed.
    private static func createJIT(_ m: IRModule, options: LLVMOptions, tsm: LLVMOrcThreadSafeModuleRef?)
        throws -> (LLVMOrcLLJITRef, LLVMOrcJITDylibRef) {
        var jit: LLVMOrcLLJITRef?
        do {
            let (tm, _) = try TargetMachine.create(options: options, forJIT: true)
            let builder = LLVMOrcCreateLLJITBuilder()
            LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(builder, LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(tm))
            try check(LLVMOrcCreateLLJIT(&jit, builder), "creating the JIT")
            let jd = LLVMOrcLLJITGetMainJITDylib(jit)!
            try defineRuntimeSymbols(jit!, jd, RuntimeSymbols.table(for: m))
            var generator: LLVMOrcDefinitionGeneratorRef?
            try check(LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(&generator, LLVMOrcLLJITGetGlobalPrefix(jit),
                                                                           nil, nil), "process symbols")
            LLVMOrcJITDylibAddGenerator(jd, generator)
            return (jit!, jd)
        } catch {
            if let tsm { LLVMOrcDisposeThreadSafeModule(tsm) }
            if let jit { LLVMConsumeError(LLVMOrcDisposeLLJIT(jit)) }
            throw error
        }
    }

    private static func defineRuntimeSymbols(_ jit: LLVMOrcLLJITRef, _ jd: LLVMOrcJITDylibRef,
                                             _ symbols: [String: UInt64]) throws {
        let flags = LLVMJITSymbolFlags(
            GenericFlags: UInt8(LLVMJITSymbolGenericFlagsExported.rawValue | LLVMJITSymbolGenericFlagsCallable.rawValue),
            TargetFlags: 0)
        var pairs = symbols.map { name, addr in
            LLVMOrcCSymbolMapPair(Name: LLVMOrcLLJITMangleAndIntern(jit, name),
                                  Sym: LLVMJITEvaluatedSymbol(Address: addr, Flags: flags))
        }
        let mu = pairs.withUnsafeMutableBufferPointer { LLVMOrcAbsoluteSymbols($0.baseAddress, $0.count)! }
        if let err = LLVMOrcJITDylibDefine(jd, mu) {
            LLVMOrcDisposeMaterializationUnit(mu)
            try check(err, "defining runtime symbols")
        }
    }

    private static func lookup(_ jit: LLVMOrcLLJITRef, _ name: String) throws -> LLVMOrcExecutorAddress {
        var addr: LLVMOrcExecutorAddress = 0
        try check(LLVMOrcLLJITLookup(jit, &addr, name), "looking up \(name)")
        return addr
    }

    /// rt_set_args(args), then rt_run(claude_main) on the runtime's big stack.
    private static func runOnRuntimeStack(_ entry: LLVMOrcExecutorAddress, args: [String]) -> Int32 {
        rt_init(0, nil)
        let cArgs = args.map { strdup($0) }
        defer { cArgs.forEach { free($0) } }
        var argv: [UnsafePointer<CChar>?] = cArgs.map { UnsafePointer($0) } + [nil]
        rt_set_args(Int32(args.count), &argv)
        typealias Main = @convention(c) (UnsafeMutableRawPointer?) -> Void
        let main = unsafeBitCast(UnsafeRawPointer(bitPattern: UInt(entry))!, to: Main.self)
        return rt_run(main, nil)
    }
}
