import ClaudeRuntime

/// The rt_val encodings of claude_rt.h (its macros are not imported into Swift).
enum VMWord {
    static let nil_: UInt64 = 0x02
    static let false_: UInt64 = 0x04
    static let true_: UInt64 = 0x0C
    static let empty: UInt64 = 0x06
    static let fixnumMin: Int64 = -(1 << 62)
    static let fixnumMax: Int64 = (1 << 62) - 1
    static let fnVM: UInt32 = 2   // RT_FN_VM
}

@inline(__always) func isPointer(_ v: UInt64) -> Bool { v != 0 && v & 7 == 0 }

/// The words of a heap object: [0] is the header, the fields follow.
@inline(__always) func objectWords(_ v: UInt64) -> UnsafeMutablePointer<UInt64> {
    UnsafeMutablePointer<UInt64>(bitPattern: UInt(v)).unsafelyUnwrapped
}

/// The index of a cons cell's head among its words.
let consHeadWord = MemoryLayout<rt_cons>.offset(of: \rt_cons.head)! / 8

/// The kind (enum rt_kind) of the object `v` points to.
@inline(__always) func objectKind(_ v: UInt64) -> UInt32 {
    UnsafePointer<rt_type>(bitPattern: UInt(objectWords(v)[0] & ~1)).unsafelyUnwrapped.pointee.kind
}

@inline(__always) func cstr(_ p: UnsafePointer<UnsafePointer<CChar>?>, _ i: Int32) -> UnsafePointer<CChar>? {
    p[Int(i)]
}

// MARK: - boxing (raw word → rt_val)

@inline(__always) func boxInt(_ w: UInt64) -> UInt64 {
    let i = Int64(bitPattern: w)
    if i >= VMWord.fixnumMin && i <= VMWord.fixnumMax { return (w &<< 1) | 1 }
    return rt_box_int(i)
}

@inline(__always) func boxBool(_ w: UInt64) -> UInt64 { w != 0 ? VMWord.true_ : VMWord.false_ }

/// Boxes a raw word per a `Conv` repr code (1 Int, 2 Float, 3 Bool; 0 leaves it).
@inline(__always) func box(_ w: UInt64, _ conv: Int32) -> UInt64 {
    switch conv {
    case Conv.int.rawValue: return boxInt(w)
    case Conv.float.rawValue: return rt_box_float(Double(bitPattern: w))
    case Conv.bool.rawValue: return boxBool(w)
    default: return w
    }
}

// MARK: - unboxing (rt_val → raw word), checked

@inline(__always) func unboxInt(_ v: UInt64, _ loc: UnsafePointer<CChar>?) -> UInt64 {
    if v & 1 != 0 { return UInt64(bitPattern: Int64(bitPattern: v) >> 1) }
    return UInt64(bitPattern: rt_unbox_int(v, loc))
}

@inline(__always) func unboxFloat(_ v: UInt64, _ loc: UnsafePointer<CChar>?) -> UInt64 {
    if v & 1 != 0 { return Double(Int64(bitPattern: v) >> 1).bitPattern }
    return rt_unbox_float(v, loc).bitPattern
}

@inline(__always) func unboxBool(_ v: UInt64, _ loc: UnsafePointer<CChar>?) -> UInt64 {
    if v == VMWord.true_ { return 1 }
    if v == VMWord.false_ { return 0 }
    return rt_unbox_bool(v, loc) != 0 ? 1 : 0
}

/// Converts an Any to the representation a `Conv` code names (checked):
/// raw for Int/Float/Bool, the same rt_val after a kind test otherwise.
func convert(_ v: UInt64, _ conv: Int32, _ loc: UnsafePointer<CChar>?) -> UInt64 {
    switch conv {
    case Conv.int.rawValue: return unboxInt(v, loc)
    case Conv.float.rawValue: return unboxFloat(v, loc)
    case Conv.bool.rawValue: return unboxBool(v, loc)
    case Conv.string.rawValue: return rt_check_string(v, loc)
    case Conv.list.rawValue: return rt_check_list(v, loc)
    case Conv.listInt.rawValue: return rt_check_list_repr(v, Int64(RT_R_I64.rawValue), loc)
    case Conv.listFloat.rawValue: return rt_check_list_repr(v, Int64(RT_R_F64.rawValue), loc)
    case Conv.fn.rawValue: return rt_check_function(v, loc)
    case Conv.nil_.rawValue: return rt_check_nil(v, loc)
    default: return v
    }
}

// MARK: - unboxing, unchecked (the compiler knows the kind)

@inline(__always) func unboxIntUnchecked(_ v: UInt64) -> UInt64 {
    v & 1 != 0 ? UInt64(bitPattern: Int64(bitPattern: v) >> 1) : objectWords(v)[1]
}

@inline(__always) func unboxFloatUnchecked(_ v: UInt64) -> UInt64 {
    v & 1 != 0 ? Double(Int64(bitPattern: v) >> 1).bitPattern : rt_unbox_float(v, nil).bitPattern
}

// MARK: - Int arithmetic with the language's error semantics

@inline(__always) func floorDiv(_ a: Int64, _ b: Int64, _ loc: UnsafePointer<CChar>?) -> Int64 {
    if b == 0 { rt_error_div_zero(loc) }
    if b == -1 { if a == .min { rt_error_overflow(loc) }; return 0 &- a }
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q &- 1 : q
}

@inline(__always) func floorMod(_ a: Int64, _ b: Int64, _ loc: UnsafePointer<CChar>?) -> Int64 {
    if b == 0 { rt_error_div_zero(loc) }
    if b == -1 { return 0 }
    let r = a % b
    return (r != 0 && (r < 0) != (b < 0)) ? r &+ b : r
}

@inline(__always) func truncQuot(_ a: Int64, _ b: Int64, _ loc: UnsafePointer<CChar>?) -> Int64 {
    if b == 0 { rt_error_div_zero(loc) }
    if b == -1 { if a == .min { rt_error_overflow(loc) }; return 0 &- a }
    return a / b
}

@inline(__always) func truncRem(_ a: Int64, _ b: Int64, _ loc: UnsafePointer<CChar>?) -> Int64 {
    if b == 0 { rt_error_div_zero(loc) }
    if b == -1 { return 0 }
    return a % b
}
