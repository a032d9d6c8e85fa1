import ClaudeIR

/// The VM's instruction set.
///
/// An instruction is an opcode word followed by its operand words (all
/// `Int32`, see `Opcode.shape`). Registers are indices into the current
/// frame's register file; each register is a 64-bit word holding a raw Int,
/// a Float bit pattern, a Bool (0/1) or an `rt_val`, as the function's
/// pointer map says. The raw value of each case is its index, so the enum is
/// stored as one byte and a `switch` over it compiles to a jump table.
enum Opcode: Int32, CaseIterable {
    // moves and constants
    case mov, ldi, ldk, ldv
    // checked Int arithmetic (operands: d, a, b, loc)
    case iadd, isub, imul, idiv, imod, iquot, irem
    /// d, a, imm, loc: with a constant right operand
    case iaddi, isubi
    // IEEE Float arithmetic (d, a, b)
    case fadd, fsub, fmul, fdiv
    // comparisons producing a Bool 0/1 (d, a, b); the i-forms also serve Bool
    case ieq, ine, ilt, ile, igt, ige
    case feq, fne, flt, fle, fgt, fge
    // unary
    case ineg, fneg, itof, bnot
    // boxing: raw -> rt_val
    case boxi, boxf, boxb
    // unboxing: rt_val -> raw, checked (d, a, loc) and unchecked (d, a)
    case unboxi, unboxf, unboxb, unboxiU, unboxfU, unboxbU
    /// d = a after a checked kind test (d, a, conv, loc): String/List/Fn/Nil
    case check
    case truthy
    // calls. Argument lists start with the callee's `self`.
    /// d, fn, n, args[n], loc — direct call of a bytecode function
    case call
    /// d, sig, retConv, n, args[n], loc — call of a closure of static type Fn
    case callc
    /// d, n, args[n], loc — dynamic call of an Any
    case calla
    /// d, builtin, n, args[n], loc — a runtime builtin's C entry (no self)
    case callb
    /// fn, n, args[n], loc — tail forms reuse the current frame
    case tcall
    /// d, sig, retConv, n, args[n], loc (followed by `ret d` for the non-VM path)
    case tcallc
    /// d, n, args[n], loc (followed by `ret d` for the non-VM path)
    case tcalla
    // closures, cells, globals
    case closure, capture
    case cellnew, rawcellnew, cellnewempty, cellget, cellset
    /// d, a, name, defloc, loc: raise unbound-variable when a is the 0 word
    case checkinit
    case gget, ggetc, gset
    // control
    case jmp, jt, jf
    /// compare two Int/Bool registers and jump when the condition holds
    case jieq, jine, jilt, jile, jigt, jige
    /// compare an Int/Bool register with an immediate and jump when the condition holds
    case jieqi, jinei, jilti, jilei, jigti, jigei
    case ret, unreachable
    // data
    /// d, ctor, n, fields[n]: a constructor value
    case construct
    /// d, a, kind, param: whether a has a shape (kind: 0 the empty list,
    /// 1 a cons, 2 a tuple of `param` items, 3 a value of constructor `param`,
    /// 4 a fixnum)
    case testshape
    /// d, a, word: the word at index `word` of the object a points to
    case loadw
    /// d, head, tail, repr: a list cell; repr (claude_rt.h rt_repr) 0: a
    /// boxed head (the runtime picks the cell kind), 1 a raw Int head on a
    /// List<Int>, 2 a raw Float head on a List<Float>
    case consnew
    /// d, a: the head of the cell a (of any kind) as an rt_val
    case loadhead
    /// d, a, first, count: the tag of a value made by one of the `count`
    /// constructors from `first` (one data type), else -1
    case ctortag

    /// The kinds of the operand words, in order.
    var shape: [OperandKind] {
        switch self {
        case .mov: return [.reg, .reg]
        case .ldi: return [.reg, .imm]
        case .ldk: return [.reg, .kraw]
        case .ldv: return [.reg, .kval]
        case .iadd, .isub, .imul, .idiv, .imod, .iquot, .irem: return [.reg, .reg, .reg, .loc]
        case .iaddi, .isubi: return [.reg, .reg, .imm, .loc]
        case .fadd, .fsub, .fmul, .fdiv, .ieq, .ine, .ilt, .ile, .igt, .ige,
             .feq, .fne, .flt, .fle, .fgt, .fge: return [.reg, .reg, .reg]
        case .ineg: return [.reg, .reg, .loc]
        case .fneg, .itof, .bnot, .boxi, .boxf, .boxb, .unboxiU, .unboxfU, .unboxbU, .truthy:
            return [.reg, .reg]
        case .unboxi, .unboxf, .unboxb: return [.reg, .reg, .loc]
        case .check: return [.reg, .reg, .conv, .loc]
        case .call: return [.reg, .fn, .regs, .loc]
        case .callc, .tcallc: return [.reg, .sig, .conv, .regs, .loc]
        case .calla, .tcalla: return [.reg, .regs, .loc]
        case .callb: return [.reg, .builtin, .regs, .loc]
        case .tcall: return [.fn, .regs, .loc]
        case .closure: return [.reg, .fn, .regs]
        case .capture: return [.reg, .imm]
        case .cellnew, .rawcellnew, .cellget: return [.reg, .reg]
        case .cellnewempty: return [.reg]
        case .cellset: return [.reg, .reg, .reg]
        case .checkinit: return [.reg, .reg, .cstr, .cstr, .loc]
        case .gget: return [.reg, .global]
        case .ggetc: return [.reg, .global, .loc]
        case .gset: return [.reg, .global, .reg]
        case .jmp: return [.target]
        case .jt, .jf: return [.reg, .target]
        case .jieq, .jine, .jilt, .jile, .jigt, .jige: return [.reg, .reg, .target]
        case .jieqi, .jinei, .jilti, .jilei, .jigti, .jigei: return [.reg, .imm, .target]
        case .ret: return [.reg]
        case .unreachable: return [.loc]
        case .construct: return [.reg, .imm, .regs]
        case .testshape: return [.reg, .reg, .imm, .imm]
        case .loadw: return [.reg, .reg, .imm]
        case .consnew: return [.reg, .reg, .reg, .imm]
        case .loadhead: return [.reg, .reg]
        case .ctortag: return [.reg, .reg, .imm, .imm]
        }
    }

    var mnemonic: String {
        switch self {
        case .unboxiU: return "unboxi.u"
        case .unboxfU: return "unboxf.u"
        case .unboxbU: return "unboxb.u"
        default: return String(describing: self)
        }
    }

    /// Number of words of the instruction starting at `code[pc]` (opcode included).
    static func length(_ code: [Int32], at pc: Int) -> Int {
        let op = Opcode(rawValue: code[pc])!
        var n = 1
        for k in op.shape {
            if k == .regs { n += 1 + Int(code[pc + n]) } else { n += 1 }
        }
        return n
    }
}

/// What an operand word means (for the disassembler and `Opcode.length`).
enum OperandKind {
    case reg
    /// a signed 32-bit immediate
    case imm
    /// index into the raw 64-bit constant pool
    case kraw
    /// index into the rooted rt_val constant pool
    case kval
    /// bytecode function index
    case fn
    /// index into the program's builtin table
    case builtin
    /// global index
    case global
    /// index into the C-string table: a "file:line:col" location
    case loc
    /// index into the C-string table: a name or location text
    case cstr
    /// absolute code offset
    case target
    /// call-signature index (`BytecodeProgram.sigs`)
    case sig
    /// a `Conv` code
    case conv
    /// a count n followed by n registers
    case regs
}

/// Value conversions between the raw representations and `rt_val`.
/// Codes 1...3 double as "repr" codes (how a raw word is boxed).
enum Conv: Int32 {
    /// no conversion (the value is already an rt_val of the right kind)
    case none = 0
    case int, float, bool
    /// checked kind tests that keep the rt_val
    case string, list, fn, nil_
    /// the one check that certifies a List<Int> / List<Float> (claude_rt.h LISTS)
    case listInt, listFloat

    /// The conversion that turns an `Any` into a value of type `t`.
    static func unbox(to t: IRType) -> Conv {
        switch t {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .string: return .string
        case .list(.int): return .listInt
        case .list(.float): return .listFloat
        case .list: return .list
        case .fn: return .fn
        case .nil_: return .nil_
        case .cell, .any: return .none
        }
    }

    /// The boxing of a value of type `t` into an `Any` (`.none` for rt_val types).
    static func box(_ t: IRType) -> Conv {
        switch t.repr {
        case .i64: return .int
        case .f64: return .float
        case .i1: return .bool
        case .val: return .none
        }
    }

    var name: String {
        switch self {
        case .none: return "any"
        case .int: return "Int"
        case .float: return "Float"
        case .bool: return "Bool"
        case .string: return "String"
        case .list: return "List"
        case .listInt: return "List<Int>"
        case .listFloat: return "List<Float>"
        case .fn: return "Fn"
        case .nil_: return "Nil"
        }
    }
}
