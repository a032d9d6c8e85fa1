import ClaudeRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One activation on the VM's own call stack.
struct Frame {
    var base: UnsafeMutablePointer<UInt64>
    var fn: Int32
    /// code offset to continue at in the caller; -1: return to the Swift
    /// code that started this frame (the entry, or a call from the runtime)
    var retPC: Int32
    /// the caller's register that receives the result
    var dst: Int32
    /// `Conv` boxing applied to the result (the caller expects an Any)
    var retConv: Int32
}

/// A call from the interpreter into C code that may run bytecode again
/// (a builtin, rt_apply). Each reserves one runtime shadow-stack slot
/// holding a marker unique to the entry. When an error is caught
/// (error:handle) the runtime restores rt_shadow_sp and may reuse the slots
/// above it, so an entry whose slot is no longer below rt_shadow_sp or no
/// longer holds its marker belongs to an abandoned run; the newest live
/// entry names the VM frame that is really on top.
struct CCall {
    var slot: UnsafeMutablePointer<rt_val>
    var fp: UnsafeMutablePointer<Frame>
}

extension UnsafeMutablePointer where Pointee == CCall {
    /// The entry's marker: a fixnum (ignored by the GC) whose value is the entry's address.
    @inline(__always) var marker: rt_val { (UInt64(UInt(bitPattern: self)) << 1) | 1 }

    @inline(__always) var isLive: Bool {
        pointee.slot < rt_shadow_sp.unsafelyUnwrapped && pointee.slot.pointee == marker
    }
}

/// Everything one run of a program uses, as raw pointers: the interpreter's
/// whole context. Lives in C memory (no ARC, no exclusivity tracking, so an
/// error unwinding through the interpreter with longjmp leaves it valid).
struct VMState {
    // program tables (see ProgramImage)
    var code: UnsafeMutablePointer<Int32>
    var metas: UnsafeMutablePointer<FuncMeta>
    var convs: UnsafeMutablePointer<Int32>
    var ptrRegs: UnsafeMutablePointer<Int32>
    var sigStart: UnsafeMutablePointer<Int32>
    var sigConvs: UnsafeMutablePointer<Int32>
    var rawConsts: UnsafeMutablePointer<UInt64>
    var cstrings: UnsafeMutablePointer<UnsafePointer<CChar>?>
    var builtinFns: UnsafeMutablePointer<rt_generic_fn?>
    var infos: UnsafeMutablePointer<rt_fninfo>
    /// descriptors: one per constructor of the program's data types, then
    /// the runtime's cons and tuple descriptors (for `test`)
    var ctorTypes: UnsafeMutablePointer<rt_type>
    var consType: UInt64
    var tupleType: UInt64
    var functionCount: Int
    var globalNames: UnsafeMutablePointer<Int32>
    var entry: Int32

    // per-run roots
    var valConsts: UnsafeMutablePointer<UInt64>
    var valCount: Int
    var globals: UnsafeMutablePointer<UInt64>
    var globalCount: Int

    // the register file and the frame stack (frameBase[0] is a sentinel)
    var regBase: UnsafeMutablePointer<UInt64>
    var regLimit: UnsafeMutablePointer<UInt64>
    var frameBase: UnsafeMutablePointer<Frame>
    var frameLimit: UnsafeMutablePointer<Frame>
    /// the top frame; the GC scans frameBase+1 ... fp
    var fp: UnsafeMutablePointer<Frame>
    /// staging area for tail-call arguments (never holds anything across an allocation)
    var argScratch: UnsafeMutablePointer<UInt64>
    /// VM→C calls in progress (a stack: ccallBase ..< ccallTop)
    var ccallBase: UnsafeMutablePointer<CCall>
    var ccallTop: UnsafeMutablePointer<CCall>
    var ccallLimit: UnsafeMutablePointer<CCall>

    /// The VM that runs on this process (the runtime's callbacks find it here).
    nonisolated(unsafe) static var current: UnsafeMutablePointer<VMState>?

    /// Deepest VM call stack: beyond it, error[stack-overflow] (tests lower it).
    nonisolated(unsafe) static var maxFrames = 10_000_000
    /// Register-file words reserved (address space only; pages are touched as used).
    static let maxRegisters = 1 << 29
    /// Deepest nesting of VM → C → VM calls.
    static let maxCCalls = 1 << 20
}

extension VMState {
    static func create(_ p: BytecodeProgram) -> UnsafeMutablePointer<VMState>? {
        let img = p.image
        guard let regs = reserve(UInt64.self, count: maxRegisters),
              let frames = reserve(Frame.self, count: maxFrames + 1),
              let ccalls = reserve(CCall.self, count: maxCCalls) else { return nil }
        let vm = UnsafeMutablePointer<VMState>.allocate(capacity: 1)
        vm.initialize(to: VMState(
            code: img.code, metas: img.metas, convs: img.convs, ptrRegs: img.ptrRegs,
            sigStart: img.sigStart, sigConvs: img.sigConvs, rawConsts: img.rawConsts,
            cstrings: img.cstrings, builtinFns: img.builtinFns, infos: img.infos,
            ctorTypes: img.ctorTypes, consType: img.consType, tupleType: img.tupleType,
            functionCount: img.functionCount, globalNames: img.globalNames,
            entry: Int32(p.entry),
            valConsts: zeroed(p.valConsts.count), valCount: p.valConsts.count,
            globals: zeroed(p.globals.count), globalCount: p.globals.count,
            regBase: regs.base, regLimit: regs.base + regs.count,
            frameBase: frames.base, frameLimit: frames.base + frames.count, fp: frames.base,
            argScratch: zeroed(img.maxArgs),
            ccallBase: ccalls.base, ccallTop: ccalls.base, ccallLimit: ccalls.base + ccalls.count))
        frames.base.initialize(to: Frame(base: regs.base, fn: 0, retPC: -1, dst: 0, retConv: 0))
        return vm
    }

    static func destroy(_ vm: UnsafeMutablePointer<VMState>) {
        let s = vm.pointee
        munmap(s.regBase, (s.regLimit - s.regBase) * MemoryLayout<UInt64>.stride)
        munmap(s.frameBase, (s.frameLimit - s.frameBase) * MemoryLayout<Frame>.stride)
        munmap(s.ccallBase, (s.ccallLimit - s.ccallBase) * MemoryLayout<CCall>.stride)
        s.valConsts.deallocate(); s.globals.deallocate(); s.argScratch.deallocate()
        vm.deallocate()
    }

    /// Creates the constants' runtime objects and registers every root.
    /// Runs on the runtime's thread, before the entry frame.
    static func load(_ vm: UnsafeMutablePointer<VMState>, _ p: BytecodeProgram) {
        let s = vm.pointee
        rt_add_roots(s.globals, s.globalCount)
        rt_add_roots(s.valConsts, s.valCount)   // before filling: each allocation may collect
        for (i, c) in p.valConsts.enumerated() {
            switch c {
            case .string(let str):
                let bytes = Array(str.utf8)
                s.valConsts[i] = bytes.withUnsafeBufferPointer { b in
                    b.withMemoryRebound(to: CChar.self) { rt_string_new($0.baseAddress, Int64($0.count)) }
                }
            case .funcref(let f):
                s.valConsts[i] = rt_closure_new(UnsafeMutableRawPointer(bitPattern: f), s.infos + f)
            case .builtin(let b):
                s.valConsts[i] = p.image.builtinClosures[b]
            }
        }
        rt_set_extra_roots(scanVMRoots, vm)
    }

    /// Undoes `load` (on the caller's thread, after rt_run returned).
    static func unload(_ vm: UnsafeMutablePointer<VMState>) {
        rt_set_extra_roots(nil, nil)
        rt_remove_roots(vm.pointee.valConsts)
        rt_remove_roots(vm.pointee.globals)
    }

    /// The function index of a closure made by this program, or -1.
    @inline(__always) func functionIndex(ofClosure c: UInt64) -> Int {
        let info = UnsafeMutablePointer<rt_fninfo>(bitPattern: UInt(objectWords(c)[2]))
        guard let info, info >= infos, info < infos + functionCount else { return -1 }
        return info - infos
    }

    /// The function index of `v` if it is a closure made by this program, else -1.
    @inline(__always) func functionIndex(ofValue v: UInt64) -> Int {
        guard isPointer(v), objectKind(v) == RT_K_CLOSURE.rawValue else { return -1 }
        return functionIndex(ofClosure: v)
    }

    /// The first register above the top frame: where a new frame starts.
    @inline(__always) var stackTop: UnsafeMutablePointer<UInt64> {
        fp == frameBase ? regBase : fp.pointee.base + Int(metas[Int(fp.pointee.fn)].frameSize)
    }

    /// Whether a frame of function `m` at `base` would not fit.
    @inline(__always) func exhausted(_ base: UnsafeMutablePointer<UInt64>, _ m: UnsafePointer<FuncMeta>,
                                     pushing: Bool) -> Bool {
        base + Int(m.pointee.frameSize) > regLimit || (pushing && fp + 1 >= frameLimit)
    }
}

extension UnsafeMutablePointer where Pointee == VMState {
    /// Records a call into C made by frame `fp` (see `CCall`); returns the
    /// entry to hand to `leaveC` when the call returns.
    @inline(__always) func enterC(_ fp: UnsafeMutablePointer<Frame>, _ loc: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CCall> {
        let sp = rt_shadow_sp.unsafelyUnwrapped
        if sp >= rt_shadow_limit { rt_shadow_overflow(loc) }
        let entry = pointee.ccallTop
        if entry >= pointee.ccallLimit { stackOverflow(loc) }
        sp[0] = entry.marker
        rt_shadow_sp = sp + 1
        entry.initialize(to: CCall(slot: sp, fp: fp))
        pointee.ccallTop = entry + 1
        return entry
    }

    /// The C call recorded by `entry` returned: drop it (and any entries an
    /// unwind left above it) and make `fp` the top frame again.
    @inline(__always) func leaveC(_ entry: UnsafeMutablePointer<CCall>, _ fp: UnsafeMutablePointer<Frame>) {
        pointee.ccallTop = entry
        rt_shadow_sp = entry.pointee.slot
        pointee.fp = fp
    }

    /// Called when C code calls back into bytecode: forgets the frames of
    /// runs an error unwound (their C calls' markers are gone from the
    /// shadow stack) and returns where the new frame goes.
    func resyncForCallback() -> UnsafeMutablePointer<UInt64> {
        var top = pointee.ccallTop
        while top > pointee.ccallBase && !(top - 1).isLive { top -= 1 }
        pointee.ccallTop = top
        if top > pointee.ccallBase { pointee.fp = (top - 1).pointee.fp }
        return pointee.stackTop
    }
}

/// Zeroes the registers a function expects zeroed on entry.
@inline(__always) func zeroFrame(_ base: UnsafeMutablePointer<UInt64>, _ m: UnsafePointer<FuncMeta>) {
    var i = Int(m.pointee.nparams)
    let e = Int(m.pointee.zeroEnd)
    while i < e { base[i] = 0; i &+= 1 }
}

/// Reported without a location, like compiled code's guard-page overflow,
/// so that every backend prints the same text.
func stackOverflow(_ loc: UnsafePointer<CChar>?) -> Never {
    rt_error("stack-overflow", "stack overflow", nil)
}

/// The GC's view of the VM: every rt_val register of every active frame.
private let scanVMRoots: @convention(c) (UnsafeMutableRawPointer?) -> Void = { ctx in
    let vm = ctx.unsafelyUnwrapped.assumingMemoryBound(to: VMState.self)
    let s = vm.pointee
    var f = s.frameBase + 1
    while f <= s.fp {
        let m = s.metas[Int(f.pointee.fn)]
        let map = s.ptrRegs + Int(m.ptrStart)
        for k in 0..<Int(m.ptrCount) {
            let v = f.pointee.base[Int(map[k])]
            if isPointer(v) { rt_gc_mark_val(v) }
        }
        f += 1
    }
}

/// Address space for `count` values, committed lazily by the kernel; asks
/// for less (down to 1/64) if the system refuses a reservation that large.
private func reserve<T>(_: T.Type, count: Int) -> (base: UnsafeMutablePointer<T>, count: Int)? {
    var n = count
    while n >= count / 64 {
        let p = mmap(nil, n * MemoryLayout<T>.stride, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        if let p, p != MAP_FAILED { return (p.bindMemory(to: T.self, capacity: n), n) }
        n /= 2
    }
    return nil
}

private func zeroed(_ n: Int) -> UnsafeMutablePointer<UInt64> {
    let p = UnsafeMutablePointer<UInt64>.allocate(capacity: max(n, 1))
    p.initialize(repeating: 0, count: max(n, 1))
    return p
}
