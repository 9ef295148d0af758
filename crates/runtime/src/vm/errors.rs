//! Constructors for the errors primitives signal: each builds a `Ctl::Error`
//! naming a standard condition type and its initargs. The VM turns it into
//! a call to the Lisp-level `sys::%signal-error`, so handlers, restarts and
//! the debugger see an ordinary condition.

use super::{Ctl, Cx, ErrorSpec};
use crate::heap::array::make_string;
use crate::heap::{list, Value};

impl<'gc, 'a> Cx<'gc, 'a> {
    pub fn error_of(&self, kind: Value<'gc>, initargs: Vec<Value<'gc>>) -> Ctl<'gc> {
        Ctl::Error(Box::new(ErrorSpec { kind, initargs }))
    }

    fn control_args(&self, msg: &str, args: &[Value<'gc>]) -> Vec<Value<'gc>> {
        let s = &self.g.s;
        vec![
            s.kw_format_control.into(),
            make_string(self.mc, msg),
            s.kw_format_arguments.into(),
            list(self.mc, args),
        ]
    }

    /// A `simple-error` whose report is `msg` (taken literally).
    pub fn simple_error(&self, msg: &str) -> Ctl<'gc> {
        let msg = msg.replace('~', "~~");
        self.error_of(self.g.s.simple_error.into(), self.control_args(&msg, &[]))
    }

    /// A `simple-error` with a format control and arguments.
    pub fn error_fmt(&self, control: &str, args: &[Value<'gc>]) -> Ctl<'gc> {
        self.error_of(self.g.s.simple_error.into(), self.control_args(control, args))
    }

    /// An error of a type that is also a simple-condition (program-error,
    /// control-error...) with a literal message.
    pub fn error_msg(&self, kind: Value<'gc>, msg: &str) -> Ctl<'gc> {
        let msg = msg.replace('~', "~~");
        self.error_of(kind, self.control_args(&msg, &[]))
    }

    pub fn type_error(&self, datum: Value<'gc>, expected: Value<'gc>) -> Ctl<'gc> {
        let s = &self.g.s;
        self.error_of(s.type_error.into(), vec![s.kw_datum.into(), datum, s.kw_expected_type.into(), expected])
    }

    pub fn program_error(&self, msg: &str) -> Ctl<'gc> {
        self.error_msg(self.g.s.program_error.into(), msg)
    }

    pub fn control_error(&self, msg: &str) -> Ctl<'gc> {
        self.error_msg(self.g.s.control_error.into(), msg)
    }

    pub fn unbound_variable(&self, name: Value<'gc>) -> Ctl<'gc> {
        self.error_of(self.g.s.unbound_variable.into(), vec![self.g.s.kw_name.into(), name])
    }

    pub fn undefined_function(&self, name: Value<'gc>) -> Ctl<'gc> {
        self.error_of(self.g.s.undefined_function.into(), vec![self.g.s.kw_name.into(), name])
    }

    pub fn error_stream(&self, msg: &str, stream: Value<'gc>) -> Ctl<'gc> {
        let mut args = self.control_args(&msg.replace('~', "~~"), &[]);
        args.extend([self.g.s.kw_stream.into(), stream]);
        self.error_of(self.g.s.stream_error.into(), args)
    }

    /// A `file-error` about `pathname` whose report is `msg` (literal).
    pub fn file_error(&self, pathname: Value<'gc>, msg: &str) -> Ctl<'gc> {
        let mut args = self.control_args(&msg.replace('~', "~~"), &[]);
        args.extend([self.g.s.kw_pathname.into(), pathname]);
        self.error_of(self.g.s.file_error.into(), args)
    }

    pub fn division_by_zero(&self, op: Value<'gc>, operands: Vec<Value<'gc>>) -> Ctl<'gc> {
        let s = &self.g.s;
        let operands = list(self.mc, &operands);
        self.error_of(s.division_by_zero.into(), vec![s.kw_operation.into(), op, s.kw_operands.into(), operands])
    }

    pub fn storage_condition(&self, msg: &str) -> Ctl<'gc> {
        self.error_msg(self.g.s.storage_condition.into(), msg)
    }

    /// Checks and returns a symbol argument (NIL included).
    pub fn check_symbol(&self, v: Value<'gc>) -> Result<gc_arena::Gc<'gc, crate::heap::symbol::Symbol<'gc>>, Ctl<'gc>> {
        self.g.sym(v).ok_or_else(|| self.type_error(v, self.g.s.symbol.into()))
    }

    /// Checks a string argument and returns its characters as a Rust string.
    pub fn check_string(&self, v: Value<'gc>) -> Result<String, Ctl<'gc>> {
        v.as_string().ok_or_else(|| self.type_error(v, self.g.s.string.into()))
    }

    pub fn check_fixnum(&self, v: Value<'gc>) -> Result<i64, Ctl<'gc>> {
        v.as_fixnum().ok_or_else(|| self.type_error(v, self.g.s.fixnum.into()))
    }

    pub fn check_list(&self, v: Value<'gc>) -> Result<(), Ctl<'gc>> {
        if v.is_list() {
            Ok(())
        } else {
            Err(self.type_error(v, self.g.s.list_type.into()))
        }
    }
}
