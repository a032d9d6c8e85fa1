import ClaudeRuntime
import XCTest

/// Tests of the C runtime through its ABI (claude_rt.h). Process-level
/// behaviour (exit statuses, stderr text, the fault handler) is covered by
/// Runtime/tests/run.sh as well.
final class RuntimeTests: XCTestCase {
    private let loc = RT.loc

    func testValueEncoding() {
        XCTAssertEqual(RT_NIL, 0x02)
        XCTAssertEqual(RT_FALSE, 0x04)
        XCTAssertEqual(RT_TRUE, 0x0C)
        XCTAssertEqual(RT_EMPTY, 0x06)
        XCTAssertEqual(rt_box_int(5), 11)                      // fixnum: 5 << 1 | 1
        XCTAssertEqual(rt_box_int(-1) & 1, 1)
        let big = RT.int(Int64.max)
        XCTAssertEqual(big & 7, 0)                              // boxed
        XCTAssertEqual(rt_unbox_int(big, loc), Int64.max)
        XCTAssertEqual(rt_unbox_int(rt_box_int(-(1 << 62)), loc), -(1 << 62))
        XCTAssertEqual(rt_box_int(1 << 62) & 7, 0)             // RT_FIXNUM_MAX + 1 is boxed
        XCTAssertEqual(rt_unbox_float(RT.int(3), loc), 3.0)
        XCTAssertEqual(rt_unbox_float(RT.float(-0.5), loc), -0.5)
        XCTAssertEqual(rt_unbox_bool(RT_TRUE, loc), 1)
        let s = RT.str("héllo😀")
        let obj = UnsafeMutablePointer<rt_string>(bitPattern: UInt(s))!
        XCTAssertEqual(obj.pointee.nbytes, 10)
        XCTAssertEqual(obj.pointee.nchars, 6)
        XCTAssertEqual(String(cString: rt_string_bytes(s)), "héllo😀")
    }

    func testFloatFormatting() {
        let cases: [(Double, String)] = [
            (3.0, "3.0"), (0.1, "0.1"), (123.5, "123.5"), (0.0001, "0.0001"), (1e-5, "1e-05"),
            (1e16, "1e+16"), (1e15, "1000000000000000.0"), (1.5e100, "1.5e+100"), (1e100, "1e+100"),
            (-0.0, "-0.0"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
            (1.0 / 3, "0.3333333333333333"), (Double.leastNonzeroMagnitude, "5e-324"), (0.1 + 0.2, "0.30000000000000004"),
        ]
        var buf = [CChar](repeating: 0, count: 40)
        for (d, text) in cases {
            let n = rt_format_float(d, &buf)
            XCTAssertEqual(String(cString: buf), text)
            XCTAssertEqual(Int(n), text.utf8.count)
        }
    }

    func testPrinting() {
        XCTAssertEqual(RT.show(RT.call("list", RT.int(1), RT.str("a\n\u{1}"), RT.float(2.0), RT_NIL, RT_TRUE, RT_EMPTY)),
                       "[1 \"a\\n\\u{01}\" 2.0 nil #t []]")
        XCTAssertEqual(RT.show(RT.str("raw \"top\"")), "raw \"top\"")
        XCTAssertEqual(RT.show(RT.builtin("string-length")), "<function string-length>")
        XCTAssertEqual(RT.show(RT.closure(RT.identityGeneric, arity: 1, captures: [])), "<function>")
        XCTAssertEqual(RT.show(RT.closure(RT.identityGeneric, arity: 1, captures: [], name: "f")), "<function f>")
        XCTAssertEqual(RT.show(RT.call("tuple", RT.int(1), RT.str("a"))), "(tuple 1 \"a\")")
        XCTAssertEqual(RT.show(RT.call("state:new", RT.int(1))), "<state>")
    }

    func testEquality() {
        XCTAssertEqual(rt_equal(RT.int(1), RT.float(1.0)), 1)
        XCTAssertEqual(rt_equal(RT.int(9_007_199_254_740_993), RT.float(9_007_199_254_740_992.0)), 0)
        XCTAssertEqual(rt_equal(RT.float(.nan), RT.float(.nan)), 0)
        let nanList = RT.call("list", RT.float(.nan))
        XCTAssertEqual(rt_equal(nanList, nanList), 0)
        XCTAssertEqual(rt_equal(RT.float(-0.0), RT.float(0.0)), 1)
        XCTAssertEqual(rt_equal(RT_NIL, RT_EMPTY), 0)
        XCTAssertEqual(rt_equal(RT.call("list", RT.str("x"), RT.int(2)), RT.call("list", RT.str("x"), RT.float(2))), 1)
        XCTAssertEqual(rt_equal(RT.builtin("+"), RT.builtin("+")), 1)
        XCTAssertEqual(rt_equal(RT.int(1), RT.str("1")), 0)
        XCTAssertEqual(RT.show(RT.call("==", RT.int(2), RT.float(2), RT.int(2))), "#t")
        XCTAssertEqual(RT.show(RT.call("!=", RT.int(2), RT.int(3))), "#t")
    }

    func testArithmetic() {
        let cases: [(String, [rt_val], String)] = [
            ("+", [], "0"), ("*", [], "1"), ("+", [RT.int(1), RT.float(0.5)], "1.5"),
            ("-", [RT.int(5)], "-5"), ("-", [RT.float(0)], "-0.0"), ("/", [RT.int(7), RT.int(2)], "3"),
            ("/", [RT.int(-7), RT.int(2)], "-4"), ("/", [RT.int(4)], "0"), ("/", [RT.int(1), RT.float(0)], "inf"),
            ("mod", [RT.int(-7), RT.int(2)], "1"), ("rem", [RT.int(-7), RT.int(2)], "-1"),
            ("quot", [RT.int(-7), RT.int(2)], "-3"), ("mod", [RT.int(.min), RT.int(-1)], "0"),
            ("max", [RT.int(3), RT.float(2.5)], "3.0"), ("round", [RT.float(2.5)], "2.0"),
            ("round", [RT.int(7)], "7"), ("pow", [RT.int(2), RT.int(3)], "8.0"), ("sqrt", [RT.int(-1)], "nan"),
            ("log", [RT.int(0)], "-inf"), ("to-int", [RT.float(-3.9)], "-3"), ("gcd", [RT.int(12), RT.int(18)], "6"),
            ("lcm", [RT.int(4), RT.int(6)], "12"), ("<", [RT.int(1), RT.float(1.5), RT.int(2)], "#t"),
            ("<", [RT.str("a"), RT.str("b")], "#t"), (">=", [RT.int(1), RT.int(2)], "#f"),
        ]
        for (name, args, expected) in cases {
            XCTAssertEqual(RT.show(RT.catching(RT.builtin(name), args)), expected, "(\(name) ...)")
        }
        XCTAssertEqual(RT.show(rt_add2(RT.int(Int64.max), RT.float(1), loc)), "9.223372036854776e+18")
        XCTAssertEqual(rt_lt2(RT.int(1), RT.int(2), loc), 1)
        XCTAssertEqual(rt_int_div(-7, 2, loc), -4)
        XCTAssertEqual(rt_int_mod(7, -2, loc), -1)
        XCTAssertEqual(rt_float_mod(-7.5, 2), 0.5)
    }

    func testErrorMessages() {
        let cases: [(String, [rt_val], String)] = [
            ("/", [RT.int(1), RT.int(0)], "<error division-by-zero: division by zero>"),
            ("+", [RT.int(.max), RT.int(1)], "<error integer-overflow: integer overflow>"),
            ("/", [RT.int(.min), RT.int(-1)], "<error integer-overflow: integer overflow>"),
            ("+", [RT.int(1), RT.str("three")], "<error type-error: '+' expects a number, got String \"three\">"),
            ("+", [RT_NIL], "<error type-error: '+' expects a number, got Nil nil>"),
            ("*", [RT.call("list", RT.int(1), RT.int(2))], "<error type-error: '*' expects a number, got List [1 2]>"),
            ("head", [RT_EMPTY], "<error empty-list: head of empty list>"),
            ("tail", [RT_EMPTY], "<error empty-list: tail of empty list>"),
            ("last", [RT_EMPTY], "<error empty-list: last of empty list>"),
            ("nth", [RT.call("list", RT.int(1), RT.int(2), RT.int(3)), RT.int(5)],
             "<error index-out-of-range: index 5 out of range for list of length 3>"),
            ("head", [RT.int(1), RT.int(2)], "<error type-error: head expects 1 argument, got 2>"),
            ("cons", [RT.int(1)], "<error type-error: cons expects 2 arguments, got 1>"),
            ("string-length", [RT.int(5)], "<error type-error: 'string-length' expects a String, got Int 5>"),
            ("to-int", [RT.float(.nan)], "<error type-error: 'to-int' expects a number other than nan, got Float nan>"),
            ("to-int", [RT.float(1e19)], "<error integer-overflow: integer overflow>"),
        ]
        for (name, args, expected) in cases {
            XCTAssertEqual(RT.show(RT.catching(RT.builtin(name), args)), expected, "(\(name) ...)")
        }
        XCTAssertEqual(RT.show(RT.catching(RT.int(5), [])), "<error type-error: not a function: 5>")
        let err = RT.catching("error:raise", RT.str("my-kind"), RT.str("my message"))
        XCTAssertEqual(RT.show(err), "<error my-kind: my message>")
        XCTAssertEqual(RT.show(RT.call("error:kind", err)), "my-kind")
        XCTAssertEqual(RT.show(RT.call("error:message", err)), "my message")
        // error:handle as a builtin: (error:handle thunk error:message)
        let thunk = RT.closure(RT.thunkGeneric, arity: 0, captures: [RT.builtin("quot"), RT.int(1), RT.int(0)])
        XCTAssertEqual(RT.show(RT.call("error:handle", thunk, RT.builtin("error:message"))), "division by zero")
        // unwinding restores the shadow stack
        let sp = rt_shadow_sp
        for _ in 0..<100 { _ = RT.catching("head", RT_EMPTY) }
        XCTAssertEqual(rt_shadow_sp, sp)
    }

    func testLists() {
        let l = RT.call("list", RT.int(1), RT.int(2), RT.int(3))
        XCTAssertEqual(RT.show(RT.call("append", l, RT_EMPTY, l)), "[1 2 3 1 2 3]")
        XCTAssertEqual(RT.show(RT.call("reverse", l)), "[3 2 1]")
        XCTAssertEqual(RT.show(RT.call("cons", RT.int(0), l)), "[0 1 2 3]")
        XCTAssertEqual(RT.show(RT.call("length", l)), "3")
        XCTAssertEqual(RT.show(RT.call("nth", l, RT.int(1))), "2")
        XCTAssertEqual(RT.show(RT.call("last", l)), "3")
        XCTAssertEqual(RT.show(RT.call("null?", RT_NIL)), "#t")
        XCTAssertEqual(RT.show(RT.call("list?", RT_NIL)), "#f")
        XCTAssertEqual(RT.show(RT.call("empty?", RT_EMPTY)), "#t")
        XCTAssertEqual(RT.show(RT.call("concat", RT.str("ab"), RT.str("😀"))), "ab😀")
        XCTAssertEqual(RT.show(RT.call("string-length", RT.str("ab😀"))), "3")
    }

    func testStringToNumber() {
        let cases = [("42", "42"), ("0x1F", "31"), ("1_000", "1000"), ("-2.5e3", "-2500.0"), (".5", "nil"),
                     ("abc", "nil"), ("9223372036854775808", "nil"), ("1e400", "inf")]
        for (text, expected) in cases {
            XCTAssertEqual(RT.show(RT.call("string->number", RT.str(text))), expected, text)
        }
    }

    func testBuiltinTableAndSymbols() {
        var names = Set<String>()
        for i in 0..<rt_builtin_count {
            let b = rt_builtins_ptr()[i]
            let name = String(cString: b.name)
            XCTAssertTrue(names.insert(name).inserted, "duplicate builtin \(name)")
            XCTAssertEqual(RT.show(b.closure), "<function \(name)>")
            XCTAssertEqual(String(cString: b.csym).hasPrefix("rt_b_"), true)
        }
        for required in ["print", "io:print", "to-string", "+", "-", "*", "/", "mod", "<", "==", "list", "append",
                         "error:handle", "error:raise", "io:args", "io:exit", "string->number", "gcd", "function?"] {
            XCTAssertNotNil(rt_builtin_lookup(required), required)
        }
        var symbols = Set<String>()
        for i in 0..<rt_symbol_count {
            let s = rt_symbols_ptr()[i]
            XCTAssertTrue(symbols.insert(String(cString: s.name)).inserted)
            XCTAssertNotNil(s.address)
        }
        for required in ["rt_alloc", "rt_shadow_sp", "rt_apply", "rt_uniform_code", "rt_box_int", "rt_error_arity",
                         "rt_type_closure", "rt_add2", "rt_handle", "rt_b_string_length", "rt_bc_string_length"] {
            XCTAssertTrue(symbols.contains(required), required)
        }
    }

    func testBuiltinsUnderGCStress() {
        RT.clearKept()
        rt_gc_set_stress(1)
        defer { rt_gc_set_stress(0) }
        let l = RT.call("list", RT.str("a"), RT.float(1.5), RT.int(.max), RT.call("list", RT.str("b")))
        XCTAssertEqual(RT.show(l), "[\"a\" 1.5 9223372036854775807 [\"b\"]]")
        XCTAssertEqual(RT.show(RT.call("append", l, l)),
                       "[\"a\" 1.5 9223372036854775807 [\"b\"] \"a\" 1.5 9223372036854775807 [\"b\"]]")
        XCTAssertEqual(RT.show(RT.call("reverse", l)), "[[\"b\"] 9223372036854775807 1.5 \"a\"]")
        XCTAssertEqual(RT.show(RT.call("concat", RT.str("x"), RT.str("y"))), "xy")
        XCTAssertEqual(RT.show(RT.call("+", RT.float(1), RT.float(2), RT.int(3))), "6.0")
        XCTAssertEqual(RT.show(RT.catching("/", RT.int(1), RT.int(0))), "<error division-by-zero: division by zero>")
        XCTAssertEqual(RT.show(RT.call("tuple", RT.str("t"), RT.float(2))), "(tuple \"t\" 2.0)")
        var acc = RT.keep(RT_EMPTY)
        for i in 0..<200 { acc = RT.call("cons", RT.float(Double(i)), acc) }
        XCTAssertEqual(RT.show(RT.call("length", acc)), "200")
        XCTAssertEqual(RT.show(RT.call("head", acc)), "199.0")
    }

    /// 10 million short-lived objects with a small live set: freed memory is reused.
    func testShortLivedObjectsReuseMemory() {
        RT.clearKept()
        rt_gc_collect()
        let before = RT.residentBytes()
        var live = RT_EMPTY
        rt_push_root(&live)
        for i in 0..<10_000_000 {
            let c = rt_cons_new(rt_box_float(Double(i)), RT_EMPTY)
            if i % 100_000 == 0 { live = rt_cons_new(c, live) }
        }
        rt_pop_roots(1)
        let grown = RT.residentBytes() - before
        print("10M short-lived objects: RSS grew by \(grown >> 10) KiB")
        XCTAssertLessThan(grown, 50 << 20, "RSS grew by \(grown >> 20) MiB")
        XCTAssertEqual(RT.show(RT.call("length", live)), "100")
    }

    func testLongListsDoNotRecurse() {
        var l = RT_EMPTY
        rt_push_root(&l)
        defer { rt_pop_roots(1) }
        for i in 0..<1_000_000 { l = rt_cons_new(rt_box_int(Int64(i)), l) }
        rt_gc_collect()
        XCTAssertEqual(rt_equal(l, l), 1)
        XCTAssertTrue(RT.show(l).hasPrefix("[999999 999998 "))
        XCTAssertEqual(RT.show(RT.call("length", l)), "1000000")
    }

    // ---- rt_run: the big stack, stack overflow, exit statuses -------------------------------

    static var result: rt_val = 0

    /// (define (rec n) (if (= n 0) 0 (+ 1 (rec (- n 1))))) as a C-convention entry.
    static let recGeneric: rt_generic_fn = { selfv, _, argv, loc in
        let n = rt_fixnum_value(argv![0])
        if n == 0 { return rt_make_fixnum(0) }
        var arg = rt_make_fixnum(n - 1)
        let r = rt_apply(selfv, 1, &arg, loc)
        return rt_add2(r, rt_make_fixnum(1), loc)
    }

    func testMillionNestedCallsFitOnTheRunStack() {
        let status = rt_run({ _ in
            let f = RT.closure(RuntimeTests.recGeneric, arity: 1, captures: [], name: "rec")
            RuntimeTests.result = RT.apply(f, [rt_make_fixnum(1_000_000)])
        }, nil)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(RT.show(RuntimeTests.result), "1000000")
    }

    func testStackOverflowIsCatchable() {
        let status = rt_run({ _ in
            let f = RT.closure(RuntimeTests.recGeneric, arity: 1, captures: [], name: "rec")
            RuntimeTests.result = RT.catching(f, [rt_make_fixnum(1 << 40)])
        }, nil)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(RT.show(RuntimeTests.result), "<error stack-overflow: stack overflow>")
    }

    func testRunStatuses() {
        XCTAssertEqual(rt_run({ _ in _ = RT.call("io:exit", RT.int(7)) }, nil), 7)
        XCTAssertEqual(rt_run({ _ in rt_error("no-match", "no pattern matched value 3", "m.cl:2:1") }, nil), 1)
        XCTAssertEqual(rt_run({ _ in }, nil), 0)
    }
}

private func rt_builtins_ptr() -> UnsafePointer<rt_builtin> {
    var n = 0
    return rt_builtin_table(&n)
}

private func rt_symbols_ptr() -> UnsafePointer<rt_symbol> {
    var n = 0
    return rt_symbol_table(&n)
}
