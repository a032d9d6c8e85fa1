/// Recognises the numeric literals of LANGUAGE.md §1 in a run of non-delimiter bytes:
///
///     number  = sign? (hex | decimal)
///     hex     = "0" ("x" | "X") hexdigits
///     decimal = digits ("." digits)? (("e" | "E") sign? digits)?
///     digits  = digit ("_"? digit)*          (likewise hexdigits)
///
/// `.5`, `5.`, `1_` and `0x` are not numbers (so they are symbols). A literal
/// with a `.` or an exponent is a Float; any other is an Int.
enum NumberLiteral: Equatable {
    case int(Int64)
    case float(Double)
    /// An integer literal that does not fit in 64 signed bits.
    case intOutOfRange

    /// Parses `bytes[start..<end]`; nil when the run is not a number.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> NumberLiteral? {
        var i = start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative || bytes[i] == UInt8(ascii: "+") { i += 1 }
        guard i < end, ByteClass.isDigit(bytes[i]) else { return nil }

        if bytes[i] == UInt8(ascii: "0"), i + 1 < end, bytes[i + 1] | 0x20 == UInt8(ascii: "x") {
            guard let magnitude = scanDigits(bytes, from: i + 2, to: end, radix: 16),
                  magnitude.next == end else { return nil }
            return integer(magnitude.value, negative: negative)
        }

        guard let whole = scanDigits(bytes, from: i, to: end, radix: 10) else { return nil }
        i = whole.next
        var isFloat = false
        if i < end && bytes[i] == UInt8(ascii: ".") {
            guard let fraction = scanDigits(bytes, from: i + 1, to: end, radix: 10) else { return nil }
            i = fraction.next
            isFloat = true
        }
        if i < end && bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) { i += 1 }
            guard let exponent = scanDigits(bytes, from: i, to: end, radix: 10) else { return nil }
            i = exponent.next
            isFloat = true
        }
        guard i == end else { return nil }
        return isFloat ? .float(floatValue(bytes, start, end)) : integer(whole.value, negative: negative)
    }

    /// Scans `digit ("_"? digit)*` from `from`; returns the value (nil on overflow
    /// of UInt64, which `integer` reports as out of range) and the index after it.
    private static func scanDigits(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int,
                                   radix: UInt64) -> (value: UInt64?, next: Int)? {
        var i = from
        var value: UInt64? = 0
        var sawDigit = false
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "_") {
                // An underscore must sit between two digits.
                guard sawDigit, i + 1 < end, let d = ByteClass.hexValue(bytes[i + 1]), d < radix else { break }
                i += 1
                continue
            }
            guard let d = ByteClass.hexValue(b), d < radix else { break }
            if let v = value {
                let (m, o1) = v.multipliedReportingOverflow(by: radix)
                let (s, o2) = m.addingReportingOverflow(d)
                value = o1 || o2 ? nil : s
            }
            sawDigit = true
            i += 1
        }
        return sawDigit ? (value, i) : nil
    }

    private static func integer(_ magnitude: UInt64?, negative: Bool) -> NumberLiteral {
        guard let m = magnitude else { return .intOutOfRange }
        if negative {
            if m == UInt64(Int64.max) + 1 { return .int(Int64.min) }
            return m <= UInt64(Int64.max) ? .int(-Int64(m)) : .intOutOfRange
        }
        return m <= UInt64(Int64.max) ? .int(Int64(m)) : .intOutOfRange
    }

    /// Converts validated float text (underscores removed) with correct rounding.
    private static func floatValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        var text = ""
        text.reserveCapacity(end - start)
        for i in start..<end where bytes[i] != UInt8(ascii: "_") {
            text.unicodeScalars.append(Unicode.Scalar(bytes[i]))
        }
        return Double(text) ?? .nan
    }
}
