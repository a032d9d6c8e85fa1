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
}
