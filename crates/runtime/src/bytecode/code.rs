//! A code object: the compiled form of one lambda.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use gc_arena::{static_collect, Collect};

use super::op::Op;
use crate::heap::Value;

static_collect!(Op);

/// Where a closure's captured value comes from in the creating frame.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Capture {
    Local(u32),
    Env(u32),
}
static_collect!(Capture);

#[derive(Collect)]
#[collect(no_drop)]
pub struct KeySpec<'gc> {
    /// The keyword (or other symbol) that names the argument.
    pub key: Value<'gc>,
}

/// How arguments map to the first local slots: required, then optional
/// (unsupplied ones hold `Unbound`), then the &rest list, then one slot per
/// key (unsupplied: `Unbound`). Defaults are computed by the prologue code.
#[derive(Collect)]
#[collect(no_drop)]
pub struct LambdaShape<'gc> {
    pub nreq: u32,
    pub nopt: u32,
    pub rest: bool,
    pub has_keys: bool,
    pub keys: Vec<KeySpec<'gc>>,
    pub allow_other_keys: bool,
}

impl<'gc> LambdaShape<'gc> {
    pub fn simple(n: u32) -> Self {
        LambdaShape { nreq: n, nopt: 0, rest: false, has_keys: false, keys: Vec::new(), allow_other_keys: false }
    }
    /// Number of local slots the entry sequence fills from the arguments.
    pub fn nparams(&self) -> u32 {
        self.nreq + self.nopt + self.rest as u32 + self.keys.len() as u32
    }
    /// True when the lambda list has only required parameters.
    pub fn is_simple(&self) -> bool {
        self.nopt == 0 && !self.rest && !self.has_keys
    }
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct Code<'gc> {
    /// The function's name for backtraces (a symbol, `(setf x)`, `(lambda ..)`...).
    pub name: Value<'gc>,
    pub consts: Box<[Value<'gc>]>,
    pub shape: LambdaShape<'gc>,
    /// Total local slots: parameters, then every other variable and temporary.
    pub nlocals: u32,
    /// What a closure over this code captures, in environment order.
    pub captures: Box<[Capture]>,
    /// The instructions, tag tables and source location: plain data,
    /// which code from an image decodes when first asked for it.
    #[collect(require_static)]
    pub body: LazyBody,
}

impl<'gc> Code<'gc> {
    #[inline]
    pub fn ops(&self) -> &[Op] {
        &self.body.get().ops
    }
    /// Jump tables for tagbodies reachable from closures: tag number → pc.
    pub fn tag_tables(&self) -> &[Box<[u32]>] {
        &self.body.get().tag_tables
    }
    /// Source location "file:line" of the lambda, when known.
    pub fn source(&self) -> Option<&str> {
        self.body.get().source.as_deref()
    }
}

/// The parts of a code object that only running it, listing it or
/// locating its source need (no references to heap objects).
pub struct Body {
    pub ops: Box<[Op]>,
    /// Jump tables for tagbodies reachable from closures: tag number → pc.
    pub tag_tables: Box<[Box<[u32]>]>,
    /// Source location "file:line" of the lambda, when known.
    pub source: Option<Box<str>>,
}

/// The bytes of an image that code bodies are decoded from when first
/// used: the base image embedded in the executable, or a copy shared by
/// the code objects of an image loaded from elsewhere.
#[derive(Clone)]
pub enum ImageBytes {
    Static(&'static [u8]),
    Shared(Arc<[u8]>),
}

impl std::ops::Deref for ImageBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            ImageBytes::Static(b) => b,
            ImageBytes::Shared(b) => b,
        }
    }
}

/// A code object's body: made by the compiler or decoded from a fasl, or
/// held encoded in an image's bytes until first used (`Runtime::from_image`,
/// which trusts the image: see docs/architecture.md).
pub struct LazyBody {
    body: OnceCell<Body>,
    /// The image and the range of its bytes holding the encoded body.
    encoded: Option<(ImageBytes, Range<usize>)>,
}

impl LazyBody {
    pub fn ready(body: Body) -> LazyBody {
        LazyBody { body: OnceCell::from(body), encoded: None }
    }

    /// A body decoded from `bytes[range]` when first used.
    pub fn encoded(bytes: ImageBytes, range: Range<usize>) -> LazyBody {
        LazyBody { body: OnceCell::new(), encoded: Some((bytes, range)) }
    }

    /// The body, decoding it on first use. The image it comes from was
    /// checked (build id, checksum) when loaded; a body that does not
    /// decode is a damaged trusted image, which stops the process.
    #[inline]
    pub fn get(&self) -> &Body {
        match self.body.get() {
            Some(b) => b,
            None => self.decode(),
        }
    }

    #[cold]
    fn decode(&self) -> &Body {
        self.body.get_or_init(|| {
            let Some((bytes, range)) = &self.encoded else { unreachable!("a body is either ready or encoded") };
            match crate::marshal::decode_body(&bytes[range.clone()]) {
                Ok(body) => body,
                Err(e) => panic!("clove: damaged code in a trusted image: {}", e.0),
            }
        })
    }

    /// The encoded body, as it is in its image, if it came from one.
    pub fn encoded_bytes(&self) -> Option<&[u8]> {
        self.encoded.as_ref().map(|(bytes, range)| &bytes[range.clone()])
    }
}
