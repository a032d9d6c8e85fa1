import XCTest
@testable import ClaudeSyntax

final class LexerTests: XCTestCase {
    func testIntegers() {
        XCTAssertEqual(Syntax.lex("42 -17 0x1F 1_000_000 0 +5 -0x10 0XfF"),
                       ["int:42", "int:-17", "int:31", "int:1000000", "int:0", "int:5", "int:-16", "int:255"])
        XCTAssertEqual(Syntax.lex("9223372036854775807 -9223372036854775808 0x7FFFFFFFFFFFFFFF"),
                       ["int:9223372036854775807", "int:-9223372036854775808", "int:9223372036854775807"])
    }

    func testIntegerOutOfRange() {
        for text in ["9223372036854775808", "-9223372036854775809", "0x8000000000000000",
                     "99999999999999999999999999"] {
            XCTAssertEqual(Syntax.lexErrors(text), ["1:1: integer literal out of range"], text)
        }
        let diags = DiagnosticEngine()
        _ = Parser.parse(Syntax.source("(f  99999999999999999999)"), diags: diags)
        XCTAssertEqual(diags.diagnostics.map(\.description), ["t.cl:1:5: error: integer literal out of range"])
        XCTAssertEqual(diags.diagnostics[0].span.end - diags.diagnostics[0].span.start, 20)
    }

    func testFloats() {
        XCTAssertEqual(Syntax.lex("3.14 -0.5 1e10 2.5e-3 1E+2 1_0.5 -0.0"),
                       ["float:3.14", "float:-0.5", "float:10000000000.0", "float:0.0025", "float:100.0",
                        "float:10.5", "float:-0.0"])
        XCTAssertEqual(Syntax.lex("0.1")[0], "float:0.1")
        XCTAssertEqual(Syntax.lex("1e400"), ["float:inf"])
    }

    func testThingsThatAreNotNumbers() {
        XCTAssertEqual(Syntax.lex(".5 5. - + -> ...rest 1_ 0x 1e 1.e5 1+ 12abc 1__0 --1"),
                       ["symbol:.5", "symbol:5.", "symbol:-", "symbol:+", "symbol:->", "symbol:...rest",
                        "symbol:1_", "symbol:0x", "symbol:1e", "symbol:1.e5", "symbol:1+", "symbol:12abc",
                        "symbol:1__0", "symbol:--1"])
    }

    func testBooleansNilSymbolsKeywords() {
        XCTAssertEqual(Syntax.lex("#t #f true false nil nil? #true x fact-iter empty? set! io:print : :requires"),
                       ["bool:true", "bool:false", "bool:true", "bool:false", "nil:nil", "symbol:nil?",
                        "symbol:#true", "symbol:x", "symbol:fact-iter", "symbol:empty?", "symbol:set!",
                        "symbol:io:print", "symbol::", "keyword::requires"])
    }

    func testDelimitersCommasAndComments() {
        XCTAssertEqual(Syntax.lex("(a [b, c]) ; comment ( \n d"),
                       ["'(':(", "symbol:a", "'[':[", "symbol:b", "symbol:c", "']':]", "')':)", "symbol:d"])
        XCTAssertEqual(Syntax.lex("a\"s\"b;c\nd"), ["symbol:a", "string:s", "symbol:b", "symbol:d"])
    }

    func testNestedBlockComments() {
        XCTAssertEqual(Syntax.lex("a #| one #| two |# still |# b #||# c"), ["symbol:a", "symbol:b", "symbol:c"])
        XCTAssertEqual(Syntax.lexErrors("a #| one #| two |# b"), ["1:3: unterminated block comment"])
        XCTAssertEqual(Syntax.lexErrors("x\n  #| never closed"), ["2:3: unterminated block comment"])
        XCTAssertEqual(Syntax.lexErrors("#|"), ["1:1: unterminated block comment"])
        XCTAssertEqual(Syntax.lexErrors("#|#"), ["1:1: unterminated block comment"])
    }

    func testStrings() {
        XCTAssertEqual(Syntax.lex(#""a\n\t\r\\\"\0b""#), ["string:a\n\t\r\\\"\0b"])
        XCTAssertEqual(Syntax.lex(#""\u{1F600}\u{41}\u{e9}""#), ["string:😀Aé"])
        XCTAssertEqual(Syntax.lex("\"line1\nline2\""), ["string:line1\nline2"])
        XCTAssertEqual(Syntax.lex(#""" "héllo""#), ["string:", "string:héllo"])
    }

    func testStringErrors() {
        XCTAssertEqual(Syntax.lexErrors(#"(f "ab\qc")"#), [#"1:7: invalid escape '\q' in string"#])
        XCTAssertEqual(Syntax.lexErrors("\n  \"abc"), ["2:3: unterminated string"])
        XCTAssertEqual(Syntax.lexErrors(#""é\u{110000}""#), [#"1:3: invalid unicode scalar '\u{110000}' in string"#])
        XCTAssertEqual(Syntax.lexErrors(#""\u{D800}""#), [#"1:2: invalid unicode scalar '\u{D800}' in string"#])
        let malformed = #"malformed unicode escape in string, expected '\u{HEX}'"#
        for text in [#""\u41""#, #""\u{}""#, #""\u{41""#, #""\u{123456789}""#, #""\u{4G}""#] {
            XCTAssertEqual(Syntax.lexErrors(text), ["1:2: " + malformed], text)
        }
        XCTAssertEqual(Syntax.lexErrors("\"a\\\nb\""), [#"1:3: invalid escape '\' at end of line"#])
        XCTAssertEqual(Syntax.lexErrors("\"\\\u{1}\""), [#"1:2: invalid escape '\' followed by U+0001"#])
        XCTAssertEqual(Syntax.lexErrors(#""\é""#), [#"1:2: invalid escape '\é' in string"#])
        // A backslash right before the end of input leaves the string unterminated.
        XCTAssertEqual(Syntax.lexErrors("\"abc\\"), ["1:1: unterminated string"])
        // Several errors in one string are all reported; the value drops the bad escapes.
        let (tokens, lexer, diags) = Syntax.tokens(#""a\qb\zc""#)
        XCTAssertEqual(diags.count, 2)
        XCTAssertEqual(lexer.stringValue(of: tokens[0]), "abc")
    }

    func testTokenPositionsCountUnicodeScalars() {
        let (tokens, _, _) = Syntax.tokens("(é 😀 \"ü\" x)\n  ; ç\n\t y")
        let positions = tokens.map { "\($0.line):\($0.column)" }
        XCTAssertEqual(positions, ["1:1", "1:2", "1:4", "1:6", "1:10", "1:11", "3:3", "3:4"])
        XCTAssertEqual(tokens[2].start, 4)   // bytes: "(", "é" (2 bytes), " "
        XCTAssertEqual(tokens.last?.kind, .endOfFile)
    }

    func testEmptyAndWhitespaceOnlyInput() {
        XCTAssertEqual(Syntax.tokens("").tokens.map(\.kind), [.endOfFile])
        XCTAssertEqual(Syntax.tokens(" ,,\n\t; only a comment").tokens.map(\.kind), [.endOfFile])
        var lexer = Lexer(Syntax.source("x"), diags: DiagnosticEngine())
        XCTAssertEqual((0..<4).map { _ in lexer.next().kind }, [.symbol, .endOfFile, .endOfFile, .endOfFile])
    }

    func testCRLFLineEndings() {
        let (tokens, _, _) = Syntax.tokens("a\r\nb")
        XCTAssertEqual(tokens.map { "\($0.line):\($0.column)" }, ["1:1", "2:1", "2:2"])
    }
}
