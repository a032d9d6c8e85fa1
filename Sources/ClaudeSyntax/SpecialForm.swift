/// The special forms of LANGUAGE.md §3, recognised by the symbol at the head of a list.
enum SpecialForm: String, CaseIterable {
    case define, lambda
    case let_ = "let", letrec, letStar = "let*"
    case if_ = "if", cond, when, unless
    case do_ = "do", begin, and, or
    case set = "set!"
    case match, data
    case ascribe = ":"
    case contract = "spec:contract"
    case effect, module
    case import_ = "import"
    case defineForeign = "define-foreign"

    /// The form whose name is the UTF-8 text `name`, if any. This runs for every
    /// call, so names are compared as two packed 64-bit words, not byte by byte.
    init?(_ name: UnsafeBufferPointer<UInt8>) {
        guard name.count <= 16 else { return nil }
        let key = SpecialForm.pack(name)
        for entry in SpecialForm.packedNames where entry.low == key.low && entry.high == key.high {
            self = entry.form
            return
        }
        return nil
    }

    /// Up to 16 bytes packed little-endian into two words (zero-padded; no
    /// name contains a zero byte, so the packing is unambiguous).
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (low: UInt64, high: UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for (i, b) in bytes.enumerated() {
            if i < 8 { low |= UInt64(b) << (8 * UInt64(i)) } else { high |= UInt64(b) << (8 * UInt64(i - 8)) }
        }
        return (low, high)
    }

    private static let packedNames: [(low: UInt64, high: UInt64, form: SpecialForm)] = allCases.map { form in
        let packed = Array(form.rawValue.utf8).withUnsafeBufferPointer { pack($0) }
        return (packed.low, packed.high, form)
    }
}
