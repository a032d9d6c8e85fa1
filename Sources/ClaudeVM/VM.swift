import ClaudeRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum VM {
    /// Runs the program on the runtime's big stack (rt_run); program args go
    /// to rt_set_args. Returns the exit status (0, io:exit's code, 1 after an
    /// uncaught runtime error).
    public static func run(_ p: BytecodeProgram, args: [String]) -> Int32 {
        rt_init(0, nil)
        let cargs = args.map { UnsafePointer(strdup($0)) }
        defer { for a in cargs { free(UnsafeMutablePointer(mutating: a)) } }
        cargs.withUnsafeBufferPointer { rt_set_args(Int32($0.count), $0.baseAddress) }

        guard let vm = VMState.create(p) else {
            rt_flush()
            fputs("error[out-of-memory]: cannot reserve the VM stack\n", stderr)
            return 1
        }
        let outer = VMState.current
        VMState.current = vm
        var ctx = RunContext(vm: vm, program: Unmanaged.passUnretained(p))
        let status = withUnsafeMutablePointer(to: &ctx) { rt_run(runEntry, $0) }
        VMState.unload(vm)
        VMState.current = outer
        VMState.destroy(vm)
        return status
    }
}

private struct RunContext {
    var vm: UnsafeMutablePointer<VMState>
    var program: Unmanaged<BytecodeProgram>
}

/// rt_run's callback: load the constants, then run the entry function.
private let runEntry: @convention(c) (UnsafeMutableRawPointer?) -> Void = { raw in
    let ctx = raw.unsafelyUnwrapped.assumingMemoryBound(to: RunContext.self).pointee
    let vm = ctx.vm
    VMState.load(vm, ctx.program.takeUnretainedValue())
    let fn = Int(vm.pointee.entry)
    let m = vm.pointee.metas + fn
    let base = vm.pointee.regBase
    zeroFrame(base, m)
    base[0] = VMWord.nil_
    vm.pointee.fp += 1
    vm.pointee.fp.initialize(to: Frame(base: base, fn: Int32(fn), retPC: -1, dst: 0, retConv: 0))
    _ = interpret(vm)
}

/// The `generic` entry of every bytecode function (its rt_fninfo): how the
/// runtime (rt_apply, builtins such as map) calls a VM closure. Converts
/// the arguments (checked), pushes a frame above the current top and runs
/// a nested interpreter loop until it returns; the result is boxed.
let vmTrampoline: rt_generic_fn = { closure, argc, argv, loc in
    let vm = VMState.current.unsafelyUnwrapped
    let fn = vm.pointee.functionIndex(ofClosure: closure)
    let m = vm.pointee.metas + fn
    let n = Int(m.pointee.nparams)
    if Int(argc) != n - 1 {
        rt_error_arity(vm.pointee.infos[fn].name, Int64(n - 1), argc, loc)
    }
    let base = vm.resyncForCallback()
    if vm.pointee.exhausted(base, m, pushing: true) { stackOverflow(loc) }
    let convs = vm.pointee.convs + Int(m.pointee.convs)
    for i in 1..<n { base[i] = convert(argv.unsafelyUnwrapped[i - 1], convs[i - 1], loc) }
    base[0] = closure
    zeroFrame(base, m)
    vm.pointee.fp += 1
    vm.pointee.fp.initialize(to: Frame(base: base, fn: Int32(fn), retPC: -1, dst: 0, retConv: m.pointee.retBox))
    return interpret(vm)
}
