import ClaudeRuntime

/// Runs the VM from its top frame (already pushed) until that frame
/// returns, and gives its result (boxed per the frame's `retConv`).
///
/// Calls and returns never recurse in Swift: they push and pop `Frame`s on
/// the VM's stack. Only calls from the runtime back into bytecode (the
/// trampoline, e.g. `map` calling a closure) start a nested `interpret`.
/// Every call into C that may run bytecode is bracketed by enterC/leaveC,
/// because an error caught below a nested run (error:handle) unwinds with
/// longjmp and leaves `vm.fp` pointing at abandoned frames (see `CCall`).
func interpret(_ vm: UnsafeMutablePointer<VMState>) -> UInt64 {
    var c = Cursor(vm)
    let metas = c.metas

    while true {
        switch unsafeBitCast(UInt8(truncatingIfNeeded: c.ip[0]), to: Opcode.self) {
        case .mov: c.set(1, c.reg(2)); c.ip += 3
        case .ldi: c.set(1, UInt64(bitPattern: Int64(c.ip[2]))); c.ip += 3
        case .ldk: c.set(1, vm.pointee.rawConsts[Int(c.ip[2])]); c.ip += 3
        case .ldv: c.set(1, vm.pointee.valConsts[Int(c.ip[2])]); c.ip += 3

        case .iadd:
            let (r, o) = c.int(2).addingReportingOverflow(c.int(3))
            if o { rt_error_overflow(c.loc(4)) }
            c.set(1, UInt64(bitPattern: r)); c.ip += 5
        case .isub:
            let (r, o) = c.int(2).subtractingReportingOverflow(c.int(3))
            if o { rt_error_overflow(c.loc(4)) }
            c.set(1, UInt64(bitPattern: r)); c.ip += 5
        case .imul:
            let (r, o) = c.int(2).multipliedReportingOverflow(by: c.int(3))
            if o { rt_error_overflow(c.loc(4)) }
            c.set(1, UInt64(bitPattern: r)); c.ip += 5
        case .iaddi:
            let (r, o) = c.int(2).addingReportingOverflow(Int64(c.ip[3]))
            if o { rt_error_overflow(c.loc(4)) }
            c.set(1, UInt64(bitPattern: r)); c.ip += 5
        case .isubi:
            let (r, o) = c.int(2).subtractingReportingOverflow(Int64(c.ip[3]))
            if o { rt_error_overflow(c.loc(4)) }
            c.set(1, UInt64(bitPattern: r)); c.ip += 5
        case .idiv: c.set(1, UInt64(bitPattern: floorDiv(c.int(2), c.int(3), c.loc(4)))); c.ip += 5
        case .imod: c.set(1, UInt64(bitPattern: floorMod(c.int(2), c.int(3), c.loc(4)))); c.ip += 5
        case .iquot: c.set(1, UInt64(bitPattern: truncQuot(c.int(2), c.int(3), c.loc(4)))); c.ip += 5
        case .irem: c.set(1, UInt64(bitPattern: truncRem(c.int(2), c.int(3), c.loc(4)))); c.ip += 5

        case .fadd: c.set(1, (c.dbl(2) + c.dbl(3)).bitPattern); c.ip += 4
        case .fsub: c.set(1, (c.dbl(2) - c.dbl(3)).bitPattern); c.ip += 4
        case .fmul: c.set(1, (c.dbl(2) * c.dbl(3)).bitPattern); c.ip += 4
        case .fdiv: c.set(1, (c.dbl(2) / c.dbl(3)).bitPattern); c.ip += 4

        case .ieq: c.set(1, c.int(2) == c.int(3) ? 1 : 0); c.ip += 4
        case .ine: c.set(1, c.int(2) != c.int(3) ? 1 : 0); c.ip += 4
        case .ilt: c.set(1, c.int(2) < c.int(3) ? 1 : 0); c.ip += 4
        case .ile: c.set(1, c.int(2) <= c.int(3) ? 1 : 0); c.ip += 4
        case .igt: c.set(1, c.int(2) > c.int(3) ? 1 : 0); c.ip += 4
        case .ige: c.set(1, c.int(2) >= c.int(3) ? 1 : 0); c.ip += 4
        case .feq: c.set(1, c.dbl(2) == c.dbl(3) ? 1 : 0); c.ip += 4
        case .fne: c.set(1, c.dbl(2) == c.dbl(3) ? 0 : 1); c.ip += 4
        case .flt: c.set(1, c.dbl(2) < c.dbl(3) ? 1 : 0); c.ip += 4
        case .fle: c.set(1, c.dbl(2) <= c.dbl(3) ? 1 : 0); c.ip += 4
        case .fgt: c.set(1, c.dbl(2) > c.dbl(3) ? 1 : 0); c.ip += 4
        case .fge: c.set(1, c.dbl(2) >= c.dbl(3) ? 1 : 0); c.ip += 4

        case .ineg:
            if c.int(2) == .min { rt_error_overflow(c.loc(3)) }
            c.set(1, UInt64(bitPattern: 0 &- c.int(2))); c.ip += 4
        case .fneg: c.set(1, (-c.dbl(2)).bitPattern); c.ip += 3
        case .itof: c.set(1, Double(c.int(2)).bitPattern); c.ip += 3
        case .bnot: c.set(1, c.reg(2) ^ 1); c.ip += 3

        case .boxi: c.set(1, boxInt(c.reg(2))); c.ip += 3
        case .boxf: c.set(1, rt_box_float(c.dbl(2))); c.ip += 3
        case .boxb: c.set(1, boxBool(c.reg(2))); c.ip += 3
        case .unboxi: c.set(1, unboxInt(c.reg(2), c.loc(3))); c.ip += 4
        case .unboxf: c.set(1, unboxFloat(c.reg(2), c.loc(3))); c.ip += 4
        case .unboxb: c.set(1, unboxBool(c.reg(2), c.loc(3))); c.ip += 4
        case .unboxiU: c.set(1, unboxIntUnchecked(c.reg(2))); c.ip += 3
        case .unboxfU: c.set(1, unboxFloatUnchecked(c.reg(2))); c.ip += 3
        case .unboxbU: c.set(1, c.reg(2) == VMWord.true_ ? 1 : 0); c.ip += 3
        case .check: c.set(1, convert(c.reg(2), c.ip[3], c.loc(4))); c.ip += 5
        case .truthy: c.set(1, c.reg(2) != VMWord.nil_ && c.reg(2) != VMWord.false_ ? 1 : 0); c.ip += 3

        case .call:
            // d, fn, n, args[n], loc
            let fn = Int(c.ip[2]), n = Int(c.ip[3])
            let base = c.newFrame(vm, fn, loc: 4 + n)
            for i in 0..<n { base[i] = c.reg(4 + i) }
            c.push(vm, base, fn, length: 5 + n, retConv: 0)

        case .callc:
            // d, sig, retConv, n, args[n], loc — args[0] is the closure
            let n = Int(c.ip[4])
            let fn = vm.pointee.functionIndex(ofClosure: c.reg(5))
            if fn >= 0 && metas[fn].sig == c.ip[2] {
                let base = c.newFrame(vm, fn, loc: 5 + n)
                for i in 0..<n { base[i] = c.reg(5 + i) }
                c.push(vm, base, fn, length: 6 + n, retConv: 0)
            } else {
                let entry = vm.enterC(c.fp, c.loc(5 + n))
                let r = applyTyped(vm, c.regs, c.meta, c.ip)
                vm.leaveC(entry, c.fp)
                c.set(1, r)
                c.ip += 6 + n
            }

        case .calla:
            // d, n, args[n], loc — args[0] is the callee
            let n = Int(c.ip[2])
            let fn = vm.pointee.functionIndex(ofValue: c.reg(3))
            if fn >= 0 && Int(metas[fn].nparams) == n {
                let base = c.newFrame(vm, fn, loc: 3 + n)
                loadDynamicArgs(vm, into: base, metas + fn, c.regs, c.ip + 3, n: n, loc: c.loc(3 + n))
                c.push(vm, base, fn, length: 4 + n, retConv: metas[fn].retBox)
            } else {
                let entry = vm.enterC(c.fp, c.loc(3 + n))
                let r = applyAny(vm, c.regs, c.meta, c.ip + 2)
                vm.leaveC(entry, c.fp)
                c.set(1, r)
                c.ip += 4 + n
            }

        case .callb:
            // d, builtin, n, args[n], loc
            let n = Int(c.ip[3])
            let argv = c.regs + Int(c.meta.pointee.outStart)
            for i in 0..<n { argv[i] = c.reg(4 + i) }
            let entry = vm.enterC(c.fp, c.loc(4 + n))
            let r = vm.pointee.builtinFns[Int(c.ip[2])].unsafelyUnwrapped(VMWord.nil_, Int64(n), argv, c.loc(4 + n))
            vm.leaveC(entry, c.fp)
            c.set(1, r)
            c.ip += 5 + n

        case .tcall:
            // fn, n, args[n], loc
            let fn = Int(c.ip[1]), n = Int(c.ip[2])
            let scratch = c.reuseFrame(vm, fn, loc: 3 + n)
            for i in 0..<n { scratch[i] = c.reg(3 + i) }
            c.replace(vm, fn, n: n, retConv: c.fp.pointee.retConv)

        case .tcallc:
            // d, sig, retConv, n, args[n], loc; then `ret d`
            let n = Int(c.ip[4])
            let fn = vm.pointee.functionIndex(ofClosure: c.reg(5))
            if fn >= 0 && metas[fn].sig == c.ip[2] {
                let scratch = c.reuseFrame(vm, fn, loc: 5 + n)
                for i in 0..<n { scratch[i] = c.reg(5 + i) }
                c.replace(vm, fn, n: n, retConv: c.fp.pointee.retConv)
            } else {
                let entry = vm.enterC(c.fp, c.loc(5 + n))
                let r = applyTyped(vm, c.regs, c.meta, c.ip)
                vm.leaveC(entry, c.fp)
                c.set(1, r)
                c.ip += 6 + n
            }

        case .tcalla:
            // d, n, args[n], loc; then `ret d`
            let n = Int(c.ip[2])
            let fn = vm.pointee.functionIndex(ofValue: c.reg(3))
            if fn >= 0 && Int(metas[fn].nparams) == n {
                let scratch = c.reuseFrame(vm, fn, loc: 3 + n)
                loadDynamicArgs(vm, into: scratch, metas + fn, c.regs, c.ip + 3, n: n, loc: c.loc(3 + n))
                c.replace(vm, fn, n: n, retConv: metas[fn].retBox)
            } else {
                let entry = vm.enterC(c.fp, c.loc(3 + n))
                let r = applyAny(vm, c.regs, c.meta, c.ip + 2)
                vm.leaveC(entry, c.fp)
                c.set(1, r)
                c.ip += 4 + n
            }

        case .closure:
            // d, fn, n, caps[n]
            let fn = Int(c.ip[2]), n = Int(c.ip[3])
            let clo = rt_closure_new(UnsafeMutableRawPointer(bitPattern: fn), vm.pointee.infos + fn)
            let words = objectWords(clo)
            for i in 0..<n { words[3 + i] = c.reg(4 + i) }
            c.set(1, clo)
            c.ip += 4 + n
        case .capture: c.set(1, objectWords(c.regs[0])[3 + Int(c.ip[2])]); c.ip += 3

        case .cellnew: c.set(1, rt_cell_new(c.reg(2))); c.ip += 3
        case .rawcellnew: c.set(1, rt_rawcell_new(c.reg(2))); c.ip += 3
        case .cellnewempty: c.set(1, rt_cell_new(0)); c.ip += 2
        case .cellget: c.set(1, objectWords(c.reg(2))[1]); c.ip += 3
        case .cellset:
            objectWords(c.reg(2))[1] = c.reg(3)
            c.set(1, VMWord.nil_); c.ip += 4
        case .checkinit:
            if c.reg(2) == 0 { rt_error_uninit(c.loc(3), c.loc(4), c.loc(5)) }
            c.set(1, c.reg(2)); c.ip += 6

        case .gget: c.set(1, vm.pointee.globals[Int(c.ip[2])]); c.ip += 3
        case .ggetc:
            let g = Int(c.ip[2])
            let w = vm.pointee.globals[g]
            if w == 0 {
                let names = vm.pointee.globalNames
                rt_error_uninit(c.cstrings[Int(names[2 * g])], c.cstrings[Int(names[2 * g + 1])], c.loc(3))
            }
            c.set(1, w); c.ip += 4
        case .gset:
            vm.pointee.globals[Int(c.ip[2])] = c.reg(3)
            c.set(1, VMWord.nil_); c.ip += 4

        case .jmp: c.jump(1)
        case .jt: if c.reg(1) != 0 { c.jump(2) } else { c.ip += 3 }
        case .jf: if c.reg(1) == 0 { c.jump(2) } else { c.ip += 3 }
        case .jieq: if c.int(1) == c.int(2) { c.jump(3) } else { c.ip += 4 }
        case .jine: if c.int(1) != c.int(2) { c.jump(3) } else { c.ip += 4 }
        case .jilt: if c.int(1) < c.int(2) { c.jump(3) } else { c.ip += 4 }
        case .jile: if c.int(1) <= c.int(2) { c.jump(3) } else { c.ip += 4 }
        case .jigt: if c.int(1) > c.int(2) { c.jump(3) } else { c.ip += 4 }
        case .jige: if c.int(1) >= c.int(2) { c.jump(3) } else { c.ip += 4 }
        case .jieqi: if c.int(1) == Int64(c.ip[2]) { c.jump(3) } else { c.ip += 4 }
        case .jinei: if c.int(1) != Int64(c.ip[2]) { c.jump(3) } else { c.ip += 4 }
        case .jilti: if c.int(1) < Int64(c.ip[2]) { c.jump(3) } else { c.ip += 4 }
        case .jilei: if c.int(1) <= Int64(c.ip[2]) { c.jump(3) } else { c.ip += 4 }
        case .jigti: if c.int(1) > Int64(c.ip[2]) { c.jump(3) } else { c.ip += 4 }
        case .jigei: if c.int(1) >= Int64(c.ip[2]) { c.jump(3) } else { c.ip += 4 }

        case .ret:
            var v = c.reg(1)
            let frame = c.fp.pointee
            if frame.retConv != 0 { v = box(v, frame.retConv) }
            if !c.pop(vm) { return v }
            c.regs[Int(frame.dst)] = v

        case .unreachable:
            rt_error("internal-error", "unreachable code reached", c.loc(1))

        case .construct:
            // d, ctor, n, fields[n]
            let n = Int(c.ip[3])
            let obj = rt_adt_new(vm.pointee.ctorTypes + Int(c.ip[2]))
            let words = objectWords(obj)
            let first = MemoryLayout<rt_adt>.size / 8
            for i in 0..<n { words[first + i] = c.reg(4 + i) }
            c.set(1, obj)
            c.ip += 4 + n
        case .testshape:
            c.set(1, testShape(vm, c.reg(2), c.ip[3], c.ip[4]) ? 1 : 0)
            c.ip += 5
        case .loadw:
            c.set(1, objectWords(c.reg(2))[Int(c.ip[3])])
            c.ip += 4
        case .consnew:
            switch c.ip[4] {
            case Int32(RT_R_I64.rawValue): c.set(1, rt_cons_new_i64(c.int(2), c.reg(3)))
            case Int32(RT_R_F64.rawValue): c.set(1, rt_cons_new_f64(c.dbl(2), c.reg(3)))
            default: c.set(1, rt_cons_new(c.reg(2), c.reg(3)))
            }
            c.ip += 5
        case .loadhead:
            let v = c.reg(2)
            c.set(1, objectWords(v)[0] & ~1 == vm.pointee.consType ? objectWords(v)[consHeadWord] : rt_field_get(v, 0))
            c.ip += 3
        case .ctortag:
            // d, a, first, count
            var tag: Int64 = -1
            let v = c.reg(2)
            if isPointer(v) {
                let first = vm.pointee.ctorTypes + Int(c.ip[3])
                let desc = UnsafeMutablePointer<rt_type>(bitPattern: UInt(objectWords(v)[0] & ~1))
                if let desc, desc >= first && desc < first + Int(c.ip[4]) { tag = Int64(desc.pointee.tag) }
            }
            c.set(1, UInt64(bitPattern: tag))
            c.ip += 5
        }
    }
}

/// `testshape`: kind 0 the empty list, 1 a cons, 2 a tuple of `param`
/// items, 3 a value of constructor `param`.
@inline(__always)
func testShape(_ vm: UnsafeMutablePointer<VMState>, _ v: UInt64, _ kind: Int32, _ param: Int32) -> Bool {
    if kind == 0 { return v == VMWord.empty }
    if kind == 4 { return v & 1 != 0 }
    guard isPointer(v) else { return false }
    let header = objectWords(v)[0] & ~1
    switch kind {
    case 1: return UnsafePointer<rt_type>(bitPattern: UInt(header))!.pointee.kind == RT_K_CONS.rawValue
    case 2: return header == vm.pointee.tupleType && objectWords(v)[MemoryLayout<rt_record>.offset(of: \rt_record.n)! / 8] == UInt64(param)
    default: return header == UInt64(UInt(bitPattern: vm.pointee.ctorTypes + Int(param)))
    }
}

/// The interpreter's hot state: a local struct, so the optimizer keeps its
/// fields in machine registers (closures capturing them would not).
struct Cursor {
    let code: UnsafePointer<Int32>
    let metas: UnsafeMutablePointer<FuncMeta>
    let cstrings: UnsafeMutablePointer<UnsafePointer<CChar>?>
    /// the current instruction
    var ip: UnsafePointer<Int32>
    /// the current frame's registers
    var regs: UnsafeMutablePointer<UInt64>
    var fp: UnsafeMutablePointer<Frame>
    var meta: UnsafeMutablePointer<FuncMeta>

    /// Starts at the VM's top frame.
    @inline(__always) init(_ vm: UnsafeMutablePointer<VMState>) {
        code = UnsafePointer(vm.pointee.code)
        metas = vm.pointee.metas
        cstrings = vm.pointee.cstrings
        fp = vm.pointee.fp
        regs = fp.pointee.base
        meta = metas + Int(fp.pointee.fn)
        ip = code + Int(meta.pointee.entry)
    }

    // operand k of the current instruction
    @inline(__always) func reg(_ k: Int) -> UInt64 { regs[Int(ip[k])] }
    @inline(__always) func int(_ k: Int) -> Int64 { Int64(bitPattern: regs[Int(ip[k])]) }
    @inline(__always) func dbl(_ k: Int) -> Double { Double(bitPattern: regs[Int(ip[k])]) }
    @inline(__always) func set(_ k: Int, _ w: UInt64) { regs[Int(ip[k])] = w }
    @inline(__always) func loc(_ k: Int) -> UnsafePointer<CChar>? { cstrings[Int(ip[k])] }
    @inline(__always) mutating func jump(_ k: Int) { ip = code + Int(ip[k]) }

    /// The registers of a new frame of `fn` above the current one, zeroed
    /// per its layout (stack overflow if it does not fit).
    @inline(__always) func newFrame(_ vm: UnsafeMutablePointer<VMState>, _ fn: Int, loc k: Int) -> UnsafeMutablePointer<UInt64> {
        let base = regs + Int(meta.pointee.frameSize)
        if vm.pointee.exhausted(base, metas + fn, pushing: true) { stackOverflow(loc(k)) }
        zeroFrame(base, metas + fn)
        return base
    }

    /// Enters the frame `newFrame` gave, returning later to the instruction
    /// after this one (`length` words long), whose operand 1 receives the result.
    @inline(__always) mutating func push(_ vm: UnsafeMutablePointer<VMState>, _ base: UnsafeMutablePointer<UInt64>,
                                         _ fn: Int, length: Int, retConv: Int32) {
        let next = Int32(truncatingIfNeeded: ip + length - code)
        fp += 1
        fp.initialize(to: Frame(base: base, fn: Int32(truncatingIfNeeded: fn), retPC: next, dst: ip[1], retConv: retConv))
        vm.pointee.fp = fp
        regs = base
        meta = metas + fn
        ip = code + Int(meta.pointee.entry)
    }

    /// Leaves the current frame; false when it was started from Swift (the
    /// caller of `interpret` gets the result), else positions at the return point.
    @inline(__always) mutating func pop(_ vm: UnsafeMutablePointer<VMState>) -> Bool {
        let retPC = fp.pointee.retPC
        fp -= 1
        vm.pointee.fp = fp
        if retPC < 0 { return false }
        regs = fp.pointee.base
        meta = metas + Int(fp.pointee.fn)
        ip = code + Int(retPC)
        return true
    }

    /// For a tail call to `fn`: checks the current frame can hold it and
    /// returns the staging area for the arguments.
    @inline(__always) func reuseFrame(_ vm: UnsafeMutablePointer<VMState>, _ fn: Int, loc k: Int) -> UnsafeMutablePointer<UInt64> {
        if vm.pointee.exhausted(regs, metas + fn, pushing: false) { stackOverflow(loc(k)) }
        return vm.pointee.argScratch
    }

    /// Turns the current frame into one of `fn` whose n argument words are staged.
    @inline(__always) mutating func replace(_ vm: UnsafeMutablePointer<VMState>, _ fn: Int, n: Int, retConv: Int32) {
        let m = metas + fn
        zeroFrame(regs, m)
        let scratch = vm.pointee.argScratch
        for i in 0..<n { regs[i] = scratch[i] }
        fp.pointee.fn = Int32(truncatingIfNeeded: fn)
        fp.pointee.retConv = retConv
        meta = m
        ip = code + Int(m.pointee.entry)
    }
}

/// Arguments of a dynamic call into a bytecode function: `dst[0]` is the
/// callee, each parameter converted (checked) from its Any argument.
@inline(__always)
func loadDynamicArgs(_ vm: UnsafeMutablePointer<VMState>, into dst: UnsafeMutablePointer<UInt64>,
                     _ callee: UnsafePointer<FuncMeta>, _ regs: UnsafeMutablePointer<UInt64>,
                     _ args: UnsafePointer<Int32>, n: Int, loc: UnsafePointer<CChar>?) {
    dst[0] = regs[Int(args[0])]
    if callee.pointee.uniform != 0 {
        for i in 1..<n { dst[i] = regs[Int(args[i])] }
    } else {
        let convs = vm.pointee.convs + Int(callee.pointee.convs)
        for i in 1..<n { dst[i] = convert(regs[Int(args[i])], convs[i - 1], loc) }
    }
}

/// `call.any` of something that is not a bytecode closure of matching
/// arity: rt_apply (builtins, arity and "not a function" errors).
/// `p` points at the operand count: n, args[n], loc.
@inline(never)
func applyAny(_ vm: UnsafeMutablePointer<VMState>, _ regs: UnsafeMutablePointer<UInt64>,
              _ meta: UnsafePointer<FuncMeta>, _ p: UnsafePointer<Int32>) -> UInt64 {
    let n = Int(p[0])
    let argv = regs + Int(meta.pointee.outStart)
    for i in 1..<n { argv[i - 1] = regs[Int(p[1 + i])] }
    return rt_apply(regs[Int(p[1])], Int64(n - 1), argv, vm.pointee.cstrings[Int(p[1 + n])])
}

/// `call.closure` of a closure that is not a bytecode function of the same
/// signature (a builtin): box the arguments, rt_apply, unbox the result.
/// `ip` points at the instruction: callc d, sig, retConv, n, args[n], loc.
@inline(never)
func applyTyped(_ vm: UnsafeMutablePointer<VMState>, _ regs: UnsafeMutablePointer<UInt64>,
                _ meta: UnsafePointer<FuncMeta>, _ ip: UnsafePointer<Int32>) -> UInt64 {
    let n = Int(ip[4])
    let loc = vm.pointee.cstrings[Int(ip[5 + n])]
    let boxes = vm.pointee.sigConvs + Int(vm.pointee.sigStart[Int(ip[2])])
    let argv = regs + Int(meta.pointee.outStart)
    // argv is in the pointer map: arguments boxed so far survive the next box's allocation
    for i in 1..<n { argv[i - 1] = box(regs[Int(ip[5 + i])], boxes[i - 1]) }
    let r = rt_apply(regs[Int(ip[5])], Int64(n - 1), argv, loc)
    return convert(r, ip[3], loc)
}
