//! `Globals`: the packages and the well-known symbols every subsystem
//! refers to by name (special operators, lambda-list keywords, the printer
//! and reader control variables, condition type names...). Built once at
//! startup and reachable from the arena root.

use hashbrown::HashMap;

use gc_arena::{Collect, Gc, Mutation, RefLock};

use super::package::{self, Package};
use super::symbol::{flags, Symbol};
use super::value::Value;

/// A well-known symbol: a copyable handle with the common accessors.
#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
pub struct Sym<'gc>(pub Gc<'gc, Symbol<'gc>>);

impl<'gc> Sym<'gc> {
    #[inline]
    pub fn value(self) -> Value<'gc> {
        self.0.value()
    }
    #[inline]
    pub fn set(self, mc: &Mutation<'gc>, v: Value<'gc>) {
        Symbol::set_value(self.0, mc, v)
    }
    #[inline]
    pub fn is(self, v: Value<'gc>) -> bool {
        matches!(v, Value::Symbol(s) if Gc::ptr_eq(s, self.0))
    }
}

impl<'gc> From<Sym<'gc>> for Value<'gc> {
    fn from(s: Sym<'gc>) -> Value<'gc> {
        Value::Symbol(s.0)
    }
}

macro_rules! well_known {
    ($($field:ident = $pkg:ident $name:literal $(special $init:ident)?;)*) => {
        #[derive(Collect)]
        #[collect(no_drop)]
        pub struct Syms<'gc> { $(pub $field: Sym<'gc>,)* }

        impl<'gc> Syms<'gc> {
            fn new(mc: &Mutation<'gc>, p: &Pkgs<'gc>) -> Syms<'gc> {
                Syms { $($field: {
                    let pkg = p.$pkg;
                    let (v, _) = package::intern(pkg, mc, $name);
                    let s = match v { Value::Symbol(s) => s, _ => unreachable!() };
                    if !std::ptr::eq(pkg.as_ref(), p.keyword.as_ref()) {
                        let _ = package::export(pkg, mc, v);
                    }
                    $( s.set_flag(flags::SPECIAL, true); Symbol::set_value(s, mc, init_value(mc, stringify!($init))); )?
                    Sym(s)
                },)* }
            }

            /// The well-known symbols in declaration order (for images).
            pub fn each(&self) -> Vec<Gc<'gc, Symbol<'gc>>> {
                vec![$(self.$field.0,)*]
            }

            /// The inverse of `each`: `None` when `syms` runs short.
            pub fn from_each(mut syms: impl Iterator<Item = Gc<'gc, Symbol<'gc>>>) -> Option<Syms<'gc>> {
                Some(Syms { $($field: Sym(syms.next()?),)* })
            }
        }
    };
}

fn init_value<'gc>(_mc: &Mutation<'gc>, what: &str) -> Value<'gc> {
    match what {
        "nil" => Value::Nil,
        "ten" => Value::Fixnum(10),
        "unbound" => Value::Unbound,
        _ => Value::Nil,
    }
}

/// The standard packages.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Pkgs<'gc> {
    pub cl: Gc<'gc, Package<'gc>>,
    pub keyword: Gc<'gc, Package<'gc>>,
    pub user: Gc<'gc, Package<'gc>>,
    /// CLOVE-SYSTEM (nickname SYS): the runtime's internals.
    pub sys: Gc<'gc, Package<'gc>>,
    /// CLOVE: documented extensions.
    pub clove: Gc<'gc, Package<'gc>>,
    pub uiop: Gc<'gc, Package<'gc>>,
}

well_known! {
    t = cl "T";
    quote = cl "QUOTE";
    function = cl "FUNCTION";
    lambda = cl "LAMBDA";
    if_ = cl "IF";
    progn = cl "PROGN";
    let_ = cl "LET";
    let_star = cl "LET*";
    setq = cl "SETQ";
    block = cl "BLOCK";
    return_from = cl "RETURN-FROM";
    tagbody = cl "TAGBODY";
    go = cl "GO";
    catch = cl "CATCH";
    throw = cl "THROW";
    unwind_protect = cl "UNWIND-PROTECT";
    flet = cl "FLET";
    labels = cl "LABELS";
    macrolet = cl "MACROLET";
    symbol_macrolet = cl "SYMBOL-MACROLET";
    eval_when = cl "EVAL-WHEN";
    locally = cl "LOCALLY";
    the = cl "THE";
    multiple_value_call = cl "MULTIPLE-VALUE-CALL";
    multiple_value_prog1 = cl "MULTIPLE-VALUE-PROG1";
    progv = cl "PROGV";
    load_time_value = cl "LOAD-TIME-VALUE";
    declare = cl "DECLARE";
    special = cl "SPECIAL";
    ignore = cl "IGNORE";
    setf = cl "SETF";
    funcall = cl "FUNCALL";
    apply = cl "APPLY";
    values = cl "VALUES";
    list = cl "LIST";
    list_star = cl "LIST*";
    append = cl "APPEND";
    nconc = cl "NCONC";
    cons = cl "CONS";
    vector = cl "VECTOR";
    compile = cl "COMPILE";
    load = cl "LOAD";
    eval = cl "EVAL";
    and = cl "AND";
    or = cl "OR";
    not = cl "NOT";
    optional = cl "&OPTIONAL";
    rest = cl "&REST";
    key = cl "&KEY";
    allow_other_keys = cl "&ALLOW-OTHER-KEYS";
    aux = cl "&AUX";
    body = cl "&BODY";
    whole = cl "&WHOLE";
    environment = cl "&ENVIRONMENT";
    kw_compile_toplevel = keyword "COMPILE-TOPLEVEL";
    kw_load_toplevel = keyword "LOAD-TOPLEVEL";
    kw_execute = keyword "EXECUTE";
    kw_allow_other_keys = keyword "ALLOW-OTHER-KEYS";
    kw_upcase = keyword "UPCASE";
    kw_downcase = keyword "DOWNCASE";
    kw_preserve = keyword "PRESERVE";
    kw_invert = keyword "INVERT";
    kw_capitalize = keyword "CAPITALIZE";
    kw_datum = keyword "DATUM";
    kw_expected_type = keyword "EXPECTED-TYPE";
    kw_format_control = keyword "FORMAT-CONTROL";
    kw_format_arguments = keyword "FORMAT-ARGUMENTS";
    kw_name = keyword "NAME";
    kw_stream = keyword "STREAM";
    kw_package = keyword "PACKAGE";
    kw_pathname = keyword "PATHNAME";
    kw_operation = keyword "OPERATION";
    kw_operands = keyword "OPERANDS";
    package = cl "*PACKAGE*" special nil;
    readtable = cl "*READTABLE*" special nil;
    read_base = cl "*READ-BASE*" special ten;
    read_eval = cl "*READ-EVAL*" special nil;
    read_suppress = cl "*READ-SUPPRESS*" special nil;
    read_default_float_format = cl "*READ-DEFAULT-FLOAT-FORMAT*" special nil;
    features = cl "*FEATURES*" special nil;
    print_escape = cl "*PRINT-ESCAPE*" special nil;
    print_readably = cl "*PRINT-READABLY*" special nil;
    print_case = cl "*PRINT-CASE*" special nil;
    print_base = cl "*PRINT-BASE*" special ten;
    print_radix = cl "*PRINT-RADIX*" special nil;
    print_circle = cl "*PRINT-CIRCLE*" special nil;
    print_level = cl "*PRINT-LEVEL*" special nil;
    print_length = cl "*PRINT-LENGTH*" special nil;
    print_pretty = cl "*PRINT-PRETTY*" special nil;
    print_gensym = cl "*PRINT-GENSYM*" special nil;
    print_array = cl "*PRINT-ARRAY*" special nil;
    print_lines = cl "*PRINT-LINES*" special nil;
    print_right_margin = cl "*PRINT-RIGHT-MARGIN*" special nil;
    print_miser_width = cl "*PRINT-MISER-WIDTH*" special nil;
    print_pprint_dispatch = cl "*PRINT-PPRINT-DISPATCH*" special nil;
    standard_output = cl "*STANDARD-OUTPUT*" special nil;
    standard_input = cl "*STANDARD-INPUT*" special nil;
    error_output = cl "*ERROR-OUTPUT*" special nil;
    terminal_io = cl "*TERMINAL-IO*" special nil;
    trace_output = cl "*TRACE-OUTPUT*" special nil;
    query_io = cl "*QUERY-IO*" special nil;
    debug_io = cl "*DEBUG-IO*" special nil;
    macroexpand_hook = cl "*MACROEXPAND-HOOK*" special nil;
    gensym_counter = cl "*GENSYM-COUNTER*" special nil;
    load_pathname = cl "*LOAD-PATHNAME*" special nil;
    load_truename = cl "*LOAD-TRUENAME*" special nil;
    source_location = sys "*SOURCE-LOCATION*" special nil;
    load_time_value_hook = sys "*LOAD-TIME-VALUE-HOOK*" special nil;
    undefined_variables = sys "*UNDEFINED-VARIABLES*" special unbound;
    compiler_errors = sys "*COMPILER-ERRORS*" special nil;
    symbol_value = cl "SYMBOL-VALUE";
    single_float = cl "SINGLE-FLOAT";
    double_float = cl "DOUBLE-FLOAT";
    short_float = cl "SHORT-FLOAT";
    long_float = cl "LONG-FLOAT";
    stream = cl "STREAM";
    integer = cl "INTEGER";
    number = cl "NUMBER";
    real = cl "REAL";
    rational = cl "RATIONAL";
    symbol = cl "SYMBOL";
    string = cl "STRING";
    character = cl "CHARACTER";
    cons_type = cl "CONS";
    list_type = cl "LIST";
    sequence = cl "SEQUENCE";
    array = cl "ARRAY";
    vector_type = cl "VECTOR";
    simple_vector = cl "SIMPLE-VECTOR";
    hash_table = cl "HASH-TABLE";
    package_type = cl "PACKAGE";
    function_type = cl "FUNCTION";
    fixnum = cl "FIXNUM";
    unsigned_byte = cl "UNSIGNED-BYTE";
    type_error = cl "TYPE-ERROR";
    simple_error = cl "SIMPLE-ERROR";
    simple_type_error = cl "SIMPLE-TYPE-ERROR";
    program_error = cl "PROGRAM-ERROR";
    control_error = cl "CONTROL-ERROR";
    unbound_variable = cl "UNBOUND-VARIABLE";
    undefined_function = cl "UNDEFINED-FUNCTION";
    division_by_zero = cl "DIVISION-BY-ZERO";
    arithmetic_error = cl "ARITHMETIC-ERROR";
    floating_point_overflow = cl "FLOATING-POINT-OVERFLOW";
    end_of_file = cl "END-OF-FILE";
    reader_error = cl "READER-ERROR";
    package_error = cl "PACKAGE-ERROR";
    stream_error = cl "STREAM-ERROR";
    file_error = cl "FILE-ERROR";
    storage_condition = cl "STORAGE-CONDITION";
    cell_error = cl "CELL-ERROR";
    unbound_slot = cl "UNBOUND-SLOT";
    error = cl "ERROR";
    plus = cl "+";
    minus = cl "-";
    lt = cl "<";
    gt = cl ">";
    le = cl "<=";
    ge = cl ">=";
    num_eq = cl "=";
    one_plus = cl "1+";
    one_minus = cl "1-";
    eq = cl "EQ";
    car = cl "CAR";
    cdr = cl "CDR";
    null = cl "NULL";
    multiple_value_bind = cl "MULTIPLE-VALUE-BIND";
    destructuring_bind = cl "DESTRUCTURING-BIND";
    defmacro = cl "DEFMACRO";
    // Runtime internals.
    named_lambda = sys "NAMED-LAMBDA";
    top_level_form = sys "TOP-LEVEL-FORM";
    symbol_macro_key = sys "SYMBOL-MACRO";
    signal_error = sys "%SIGNAL-ERROR";
    quasiquote = sys "QUASIQUOTE";
    unquote = sys "UNQUOTE";
    unquote_splicing = sys "UNQUOTE-SPLICING";
    unquote_nsplicing = sys "UNQUOTE-NSPLICING";
    undefined_functions = sys "*UNDEFINED-FUNCTIONS*" special nil;
    built_in_classes = sys "*BUILT-IN-CLASSES*" special nil;
    defun_primitive = sys "%DEFUN";
    defined_in_unit = sys "*DEFINED-IN-UNIT*" special unbound;
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct Globals<'gc> {
    /// The symbol cells of NIL (its plist, package...). `Value::Nil` stands for it.
    pub nil_sym: Gc<'gc, Symbol<'gc>>,
    pub t: Value<'gc>,
    pub p: Pkgs<'gc>,
    pub s: Syms<'gc>,
    /// Every package by name and nickname.
    pub packages: RefLock<HashMap<String, Gc<'gc, Package<'gc>>>>,
    /// The weak hash tables, finalized after each marking (heap/weak.rs).
    pub weak_tables: Gc<'gc, RefLock<Vec<gc_arena::GcWeak<'gc, super::hash::HashTable<'gc>>>>>,
}

impl<'gc> Globals<'gc> {
    pub fn new(mc: &Mutation<'gc>) -> Gc<'gc, Globals<'gc>> {
        let mk = |name: &str, nicks: &[&str]| {
            let p = package::new(mc, name);
            p.borrow_mut(mc).nicknames = nicks.iter().map(|s| s.to_string()).collect();
            p
        };
        let p = Pkgs {
            cl: mk("COMMON-LISP", &["CL"]),
            keyword: mk("KEYWORD", &[]),
            user: mk("COMMON-LISP-USER", &["CL-USER"]),
            sys: mk("CLOVE-SYSTEM", &["SYS"]),
            clove: mk("CLOVE", &[]),
            uiop: mk("UIOP", &[]),
        };
        // NIL first: it is present in CL and stands for Value::Nil everywhere.
        let nil_sym = Symbol::new(mc, "NIL", Value::Package(p.cl));
        nil_sym.set_flag(flags::CONSTANT, true);
        Symbol::set_value(nil_sym, mc, Value::Nil);
        p.cl.borrow_mut(mc).external.insert(Value::Nil);
        // Every external symbol of COMMON-LISP exists from the start (CLHS 1.9),
        // so Lisp sources read in other packages find them.
        for name in include_str!("cl-symbols.txt").lines().filter(|n| *n != "NIL") {
            let (v, _) = package::intern(p.cl, mc, name);
            let _ = package::export(p.cl, mc, v);
        }
        let s = Syms::new(mc, &p);
        s.t.0.set_flag(flags::CONSTANT, true);
        Symbol::set_value(s.t.0, mc, s.t.into());
        package::use_package(p.user, mc, p.cl);
        package::use_package(p.sys, mc, p.cl);
        package::use_package(p.clove, mc, p.cl);
        package::use_package(p.uiop, mc, p.cl);
        let mut packages = HashMap::new();
        for pk in [p.cl, p.keyword, p.user, p.sys, p.clove, p.uiop] {
            let d = pk.borrow();
            packages.insert(d.name.clone(), pk);
            for n in &d.nicknames {
                packages.insert(n.clone(), pk);
            }
        }
        s.package.set(mc, Value::Package(p.user));
        s.gensym_counter.set(mc, Value::Fixnum(1));
        s.read_default_float_format.set(mc, s.single_float.into());
        s.read_eval.set(mc, s.t.into());
        s.print_escape.set(mc, s.t.into());
        s.print_case.set(mc, s.kw_upcase.into());
        s.print_array.set(mc, s.t.into());
        s.print_gensym.set(mc, s.t.into());
        let t = s.t.into();
        Gc::new(mc, Globals { nil_sym, t, p, s, packages: RefLock::new(packages), weak_tables: Gc::new(mc, RefLock::new(Vec::new())) })
    }

    /// The package named `name` (a name or nickname), if any.
    pub fn find_package(&self, name: &str) -> Option<Gc<'gc, Package<'gc>>> {
        self.packages.borrow().get(name).copied()
    }

    /// The symbol object behind a symbol value (NIL included).
    #[inline]
    pub fn sym(&self, v: Value<'gc>) -> Option<Gc<'gc, Symbol<'gc>>> {
        match v {
            Value::Symbol(s) => Some(s),
            Value::Nil => Some(self.nil_sym),
            _ => None,
        }
    }

    /// Interns `name` in the package with short name `pkg` ("CL", "SYS", ...).
    pub fn intern_in(&self, mc: &Mutation<'gc>, pkg: &str, name: &str) -> Value<'gc> {
        let p = match pkg {
            "CL" => self.p.cl,
            "SYS" => self.p.sys,
            "CLOVE" => self.p.clove,
            "UIOP" => self.p.uiop,
            "KEYWORD" => self.p.keyword,
            _ => self.find_package(pkg).unwrap_or(self.p.sys),
        };
        package::intern(p, mc, name).0
    }
}
