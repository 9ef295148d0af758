//! File streams: an OS file with a read buffer and a write buffer, a
//! character (UTF-8 or Latin-1) or integer element type, and what
//! `close :abort t` must undo (delete a file it created, put back a file
//! it renamed out of the way).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

/// The widest integer element a file stream takes, in bits (09-open.lisp
/// checks the same bound).
pub const MAX_BITS: u32 = 1024;

/// The element type of a file stream.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Elem {
    Char,
    /// `(unsigned-byte bits)` or `(signed-byte bits)`, stored in
    /// `ceil(bits/8)` little-endian octets per element.
    Int { bits: u32, signed: bool },
}

impl Elem {
    /// The element type `%open` and the process layer are given as a
    /// size in bits (0 for characters) and a signedness; `None` past
    /// `MAX_BITS` or below 0.
    pub fn from_bits(bits: i64, signed: bool) -> Option<Elem> {
        match bits {
            0 => Some(Elem::Char),
            b if (1..=MAX_BITS as i64).contains(&b) => Some(Elem::Int { bits: b as u32, signed }),
            _ => None,
        }
    }

    /// Octets per element (1 for characters: positions count octets).
    pub fn width(self) -> u64 {
        match self {
            Elem::Char => 1,
            Elem::Int { bits, .. } => bits.div_ceil(8) as u64,
        }
    }
}

/// What closing the stream does besides closing the handle.
pub enum Cleanup {
    None,
    /// The stream created (or superseded) the file: abort deletes it.
    DeleteOnAbort,
    /// The old file was renamed to `backup`: abort deletes the new file
    /// and renames the backup back; a normal close deletes the backup
    /// when `delete_backup`.
    Backup { backup: PathBuf, delete_backup: bool },
}

pub struct FileStream {
    pub file: Option<File>,
    /// The native namestring (what `pathname` of the stream parses).
    pub path: String,
    pub os_path: PathBuf,
    pub rbuf: Vec<u8>,
    pub rpos: usize,
    pub wbuf: Vec<u8>,
    pub latin1: bool,
    pub elem: Elem,
    pub cleanup: Cleanup,
}
gc_arena::static_collect!(FileStream);

impl FileStream {
    pub fn new(file: Option<File>, path: String, elem: Elem, latin1: bool, cleanup: Cleanup) -> FileStream {
        let os_path = PathBuf::from(crate::pathnames::os::to_os(&path));
        FileStream { file, path, os_path, rbuf: Vec::new(), rpos: 0, wbuf: Vec::new(), latin1, elem, cleanup }
    }

    /// Writes out the write buffer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.wbuf);
        match &mut self.file {
            Some(f) => f.write_all(&bytes),
            None => Ok(()),
        }
    }

    /// Before writing: bytes read ahead are given back to the file.
    fn unread_ahead(&mut self) -> std::io::Result<()> {
        let ahead = (self.rbuf.len() - self.rpos) as i64;
        self.rbuf.clear();
        self.rpos = 0;
        if ahead > 0 {
            if let Some(f) = &mut self.file {
                f.seek(SeekFrom::Current(-ahead))?;
            }
        }
        Ok(())
    }

    pub fn write_bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if !self.rbuf.is_empty() {
            self.unread_ahead()?;
        }
        self.wbuf.extend_from_slice(bytes);
        if self.wbuf.len() > 1 << 16 {
            self.flush()?;
        }
        Ok(())
    }

    /// Encodes text in the stream's external format (Latin-1 writes `?`
    /// for characters it cannot hold).
    pub fn encode(&self, text: &str) -> Vec<u8> {
        if self.latin1 {
            text.chars().map(|c| if (c as u32) < 256 { c as u8 } else { b'?' }).collect()
        } else {
            crate::pathnames::os::to_os(text).into_encoded_bytes()
        }
    }

    /// Adds more bytes to the read buffer; 0 at end of file.
    pub fn fill(file: &mut Option<File>, buf: &mut Vec<u8>) -> usize {
        let mut chunk = [0u8; 65536];
        let n = match file {
            Some(f) => f.read(&mut chunk).unwrap_or(0),
            None => 0,
        };
        buf.extend_from_slice(&chunk[..n]);
        n
    }

    /// Before reading: buffered output goes to the file first.
    pub fn prepare_read(&mut self) -> std::io::Result<()> {
        self.flush()
    }

    /// The next `n` octets, or `None` at end of file (a partial element
    /// at the end is dropped).
    pub fn read_octets(&mut self, n: usize) -> std::io::Result<Option<Vec<u8>>> {
        self.prepare_read()?;
        while self.rbuf.len() - self.rpos < n {
            self.rbuf.drain(..self.rpos);
            self.rpos = 0;
            if FileStream::fill(&mut self.file, &mut self.rbuf) == 0 {
                self.rpos = self.rbuf.len();
                return Ok(None);
            }
        }
        let out = self.rbuf[self.rpos..self.rpos + n].to_vec();
        self.rpos += n;
        Ok(Some(out))
    }

    /// The first `n` octets not yet read (fewer at end of file), left
    /// unread: how `load` tells a fasl from source without opening the
    /// file twice (a pipe can only be read once).
    pub fn peek_octets(&mut self, n: usize) -> std::io::Result<&[u8]> {
        self.prepare_read()?;
        while self.rbuf.len() - self.rpos < n && FileStream::fill(&mut self.file, &mut self.rbuf) > 0 {}
        let end = self.rbuf.len().min(self.rpos + n);
        Ok(&self.rbuf[self.rpos..end])
    }

    /// Every octet not yet read.
    pub fn read_rest(&mut self) -> std::io::Result<Vec<u8>> {
        self.prepare_read()?;
        let mut out = self.rbuf.split_off(self.rpos);
        self.rbuf.clear();
        self.rpos = 0;
        if let Some(f) = &mut self.file {
            f.read_to_end(&mut out)?;
        }
        Ok(out)
    }

    /// The octet offset of the next element read or written.
    pub fn position(&mut self) -> std::io::Result<u64> {
        let os = match &mut self.file {
            Some(f) => f.stream_position()?,
            None => 0,
        };
        Ok(os + self.wbuf.len() as u64 - (self.rbuf.len() - self.rpos) as u64)
    }

    pub fn seek(&mut self, to: SeekFrom) -> std::io::Result<()> {
        self.flush()?;
        self.rbuf.clear();
        self.rpos = 0;
        if let Some(f) = &mut self.file {
            f.seek(to)?;
        }
        Ok(())
    }

    /// The file's length in octets, buffered output included.
    pub fn length(&mut self) -> std::io::Result<u64> {
        self.flush()?;
        match &self.file {
            Some(f) => Ok(f.metadata()?.len()),
            None => Ok(std::fs::metadata(&self.os_path)?.len()),
        }
    }

    /// Closes the handle; `abort` undoes what opening did to the file
    /// system. Fails when the buffered output cannot be written.
    pub fn close(&mut self, abort: bool) -> std::io::Result<()> {
        let flushed = if abort { Ok(()) } else { self.flush() };
        self.wbuf.clear();
        self.file = None;
        match std::mem::replace(&mut self.cleanup, Cleanup::None) {
            Cleanup::None => {}
            Cleanup::DeleteOnAbort => {
                if abort {
                    let _ = std::fs::remove_file(&self.os_path);
                }
            }
            Cleanup::Backup { backup, delete_backup } => {
                if abort {
                    let _ = std::fs::remove_file(&self.os_path);
                    let _ = std::fs::rename(&backup, &self.os_path);
                } else if delete_backup {
                    let _ = std::fs::remove_file(&backup);
                }
            }
        }
        flushed
    }
}
