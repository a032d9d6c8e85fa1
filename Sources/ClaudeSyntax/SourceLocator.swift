/// Turns byte offsets into 1-based line/column pairs in amortised O(1) when the
/// offsets mostly increase, as they do while lexing. Columns count Unicode
/// scalar values, as `SourceFile.lineColumn` does (which it falls back to for
/// an earlier offset).
///
/// It remembers the current line: on a pure-ASCII line (checked once, when the
/// line is entered) a column is plain arithmetic; on other lines it counts the
/// scalars between the last offset it was asked about and the new one.
struct SourceLocator {
    private let source: SourceFile
    private let lineStarts: [Int]
    private var lineIndex = 0
    private var lineIsASCII: Bool?
    private var lastOffset = 0
    private var lastColumn = 1

    init(_ source: SourceFile) { self.source = source; self.lineStarts = source.lineStarts }

    /// The location of `offset` in `bytes` (the source's bytes).
    @inline(__always)
    mutating func locate(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        guard offset >= lastOffset else { return source.lineColumn(of: offset) }
        if lineIndex + 1 < lineStarts.count && lineStarts[lineIndex + 1] <= offset {
            repeat { lineIndex += 1 } while lineIndex + 1 < lineStarts.count && lineStarts[lineIndex + 1] <= offset
            lastOffset = lineStarts[lineIndex]
            lastColumn = 1
            lineIsASCII = nil
        }
        let isASCII = lineIsASCII ?? checkLine(bytes)
        var column = lastColumn
        if isASCII {
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
    private mutating func checkLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = min(lineStarts[lineIndex], bytes.count)
        let end = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : bytes.count
        var bits: UInt8 = 0
        for b in UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)]) { bits |= b }
        lineIsASCII = bits < 0x80
        return bits < 0x80
    }
}
