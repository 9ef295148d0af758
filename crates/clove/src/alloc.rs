//! The global allocator: mimalloc, called the way its own small-object
//! fast path expects.
//!
//! The `mimalloc` crate hands every request to `mi_malloc_aligned`, even
//! for the word alignment every mimalloc block has anyway. mimalloc 3's
//! aligned path only finds a free block in a page of the request's size
//! class when that page already exists, and only ordinary `mi_malloc`
//! makes such pages: an aligned request of any size that is not a power of
//! two falls back every time to allocating `size + alignment - 1` bytes in
//! the next size class up (slower, and up to a size class bigger: a
//! 56-byte cons took a 64-byte block). Requests whose alignment is at
//! most a word, which is nearly all of them, therefore go to `mi_malloc`.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys::{mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned, mi_zalloc, mi_zalloc_aligned};

/// The alignment of every block mimalloc returns (a machine word).
const WORD: usize = std::mem::size_of::<usize>();

pub struct MiMalloc;

// SAFETY: each call is mimalloc's for the same request; a block from
// `mi_malloc` is word-aligned, which is all those requests ask for.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if layout.align() <= WORD {
                mi_malloc(layout.size()) as *mut u8
            } else {
                mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if layout.align() <= WORD {
                mi_zalloc(layout.size()) as *mut u8
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            if layout.align() <= WORD {
                mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}
