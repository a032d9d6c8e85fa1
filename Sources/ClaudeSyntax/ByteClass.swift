/// Byte classification for the lexer, done with bit masks so the hot loops
/// need no table lookups or per-character `String`s.
enum ByteClass {
    // Bit b of a `low` mask is set when byte b (< 64) is in the class; a `high`
    // mask covers bytes 64..<128. Bytes >= 128 are never in a class.

    /// Whitespace: space, \t, \n, \r, \v, \f and `,` (LANGUAGE.md §1).
    private static let spaceLow: UInt64 = 0x1001_0000_3E00

    /// Everything that ends a symbol or number: whitespace, `( ) [ ]`, `"` and `;`.
    private static let delimiterLow: UInt64 = 0x0800_1305_0000_3E00
    private static let delimiterHigh: UInt64 = 0x2800_0000

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b < 64 && (spaceLow >> UInt64(b)) & 1 != 0
    }

    @inline(__always)
    static func isDelimiter(_ b: UInt8) -> Bool {
        if b < 64 { return (delimiterLow >> UInt64(b)) & 1 != 0 }
        if b < 128 { return (delimiterHigh >> UInt64(b - 64)) & 1 != 0 }
        return false
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt64? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// True for a UTF-8 continuation byte (not the start of a scalar).
    @inline(__always)
    static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
}
