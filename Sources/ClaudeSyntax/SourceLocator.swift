/// Turns byte offsets into 1-based line/column pairs in amortised O(1) when the
/// offsets mostly increase, as they do while lexing. Columns count Unicode
/// scalar values, as `SourceFile.lineColumn` does (which it falls back to for
/// an earlier offset).
///
/// It remembers the current line: on a pure-ASCII line (checked once, when the
/// line is entered) a column is plain arithmetic; on other lines it counts the
/// scalars between the last offset it was asked about and the new one.
/// It holds no references: the caller passes the file's bytes and line table.
struct SourceLocator {
    private var lineIndex = 0
    /// 1 when the current line is pure ASCII, 0 when not, 2 when not yet checked.
    private var lineIsASCII: UInt8 = 2
    private var lastOffset = 0
    private var lastColumn = 1

    /// The location of `offset` in `bytes` (the source's bytes), whose line table is `lineStarts`.
    @inline(__always)
    mutating func locate(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>,
                         lineStarts: UnsafeBufferPointer<Int>) -> (line: Int, column: Int) {
        guard offset >= lastOffset else {
            return SourceFile.lineColumn(of: offset, bytes: bytes, lineStarts: lineStarts)
        }
        let lineCount = lineStarts.count
        if lineIndex + 1 < lineCount && lineStarts[lineIndex + 1] <= offset {
            repeat { lineIndex += 1 } while lineIndex + 1 < lineCount && lineStarts[lineIndex + 1] <= offset
            lastOffset = lineStarts[lineIndex]
            lastColumn = 1
            lineIsASCII = 2
        }
        if lineIsASCII == 2 { checkLine(bytes, lineStarts) }
        var column = lastColumn
        if lineIsASCII == 1 {
            column += offset - lastOffset
        } else {
            for i in lastOffset..<min(offset, bytes.count) where !ByteClass.isContinuation(bytes[i]) {
                column += 1
            }
        }
        lastOffset = offset
        lastColumn = column
        return (lineIndex + 1, column)
    }

    /// Records whether the current line is pure ASCII.
    @inline(never)
    private mutating func checkLine(_ bytes: UnsafeBufferPointer<UInt8>, _ lineStarts: UnsafeBufferPointer<Int>) {
        let start = min(lineStarts[lineIndex], bytes.count)
        let end = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : bytes.count
        // Eight bytes at a time, then the rest one by one.
        var bits: UInt64 = 0
        var i = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= end {
                bits |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
        }
        while i < end {
            bits |= UInt64(bytes[i])
            i += 1
        }
        lineIsASCII = bits & 0x8080_8080_8080_8080 == 0 ? 1 : 0
    }
}
