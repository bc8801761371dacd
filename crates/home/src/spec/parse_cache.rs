//! The parsed-spec cache: every valid spec of the apps folder as the last
//! scan parsed it, beside the database in nook's home (never in the synced
//! apps folder), so a scan of an unchanged folder parses nothing: loading it
//! costs about a third of parsing the specs it holds.
//!
//! It is never trusted for what it did not see: a spec is taken from it only
//! for the file name and [`Stamp`] it was parsed from (size, times, inode),
//! and only for a stamp [`Stamp::settled`] when it was written; the file
//! must be of this nook's cache format, version and very build (the running
//! program's own stamp), and whole (a checksum over the rest). Anything
//! else reads as an empty cache: the specs are parsed, and the file written
//! again. Invalid specs are not kept, so their problems always come from a
//! parse. Writing it is a new file renamed over the old, and a failure to
//! write is silent: the cache only saves time.

use std::collections::HashMap;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::stamp::Stamp;
use super::types::Spec;

/// Bumped whenever what is written changes shape.
const FORMAT: u32 = 1;
/// Larger files are not read (nor written): far past any real apps folder.
const MAX_BYTES: u64 = 64 << 20;

#[derive(Default)]
pub struct ParseCache {
    specs: HashMap<String, (Stamp, Spec)>,
    /// How many the file held.
    held: usize,
}

/// One spec as written.
#[derive(Serialize)]
struct Row<'a> {
    file: &'a str,
    stamp: &'a Stamp,
    spec: &'a Spec,
}

/// One spec as read back.
#[derive(Deserialize)]
struct OwnedRow {
    file: String,
    stamp: Stamp,
    spec: Spec,
}

/// A spec to keep: `fresh` when it was parsed now, so its round trip
/// through the file is checked before it is kept.
pub struct Keep<'a> {
    pub file: String,
    pub stamp: &'a Stamp,
    pub spec: &'a Spec,
    pub fresh: bool,
}

impl ParseCache {
    /// The cache at `path`, or an empty one when there is none or it is
    /// not one this build wrote whole.
    pub fn load(path: &Path) -> ParseCache {
        read(path).unwrap_or_default()
    }

    /// How many specs the file held when loaded.
    pub fn held(&self) -> usize {
        self.held
    }

    /// The spec parsed from `file` when it had `stamp`, taken out.
    pub fn take(&mut self, file: &str, stamp: &Stamp) -> Option<Spec> {
        match self.specs.remove(file) {
            Some((had, spec)) if had == *stamp => Some(spec),
            _ => None,
        }
    }

    /// Writes `keep` to `path` as the whole cache; silently not at all when
    /// the program's build cannot be told or the home cannot be written.
    pub fn save(path: &Path, keep: &[Keep]) {
        let Some(build) = build() else { return };
        let mut body = Vec::with_capacity(keep.len() * 600 + 2);
        body.push(b'[');
        for k in keep {
            let row = Row {
                file: &k.file,
                stamp: k.stamp,
                spec: k.spec,
            };
            let Ok(json) = serde_json::to_vec(&row) else {
                continue;
            };
            // Exactly what parsing gives, or not kept: a number JSON does
            // not carry bit for bit (a -0 default written as 0) would
            // otherwise come back changed.
            if k.fresh && !comes_back(&json, k.spec) {
                continue;
            }
            if body.len() > 1 {
                body.push(b',');
            }
            body.extend_from_slice(&json);
        }
        body.push(b']');
        if body.len() as u64 > MAX_BYTES {
            return;
        }
        let mut file = format!("{}{:016x}\n", header(&build), checksum(&body)).into_bytes();
        file.extend_from_slice(&body);
        let _ = replace(path, &file);
    }
}

/// Whether `json` reads back as `spec`, to the last bit of every number
/// (Debug writes every f64 so that it reads back the same, and tells -0
/// from 0).
fn comes_back(json: &[u8], spec: &Spec) -> bool {
    serde_json::from_slice::<OwnedRow>(json).is_ok_and(|r| format!("{:?}", r.spec) == format!("{spec:?}"))
}

/// The first line up to the checksum: what the file is, and which build of
/// nook wrote it.
fn header(build: &str) -> String {
    format!("nook spec cache {FORMAT} {} {build} ", env!("CARGO_PKG_VERSION"))
}

/// The running program's own stamp: a rebuilt or upgraded nook parses
/// afresh, whatever its version says, since how it reads a spec may differ.
fn build() -> Option<String> {
    #[cfg(target_os = "linux")]
    let exe = std::fs::metadata("/proc/self/exe");
    #[cfg(not(target_os = "linux"))]
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let s = Stamp::of(&exe.ok()?);
    let (dev, ino) = s.inode?;
    Some(format!("{dev}.{ino}.{}.{}", s.len, s.modified?))
}

fn read(path: &Path) -> Option<ParseCache> {
    let build = build()?;
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len > MAX_BYTES {
        return None;
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.read_to_end(&mut bytes).ok()?;
    let cut = bytes.iter().position(|&b| b == b'\n')?;
    let (head, body) = (std::str::from_utf8(&bytes[..cut]).ok()?, &bytes[cut + 1..]);
    let sum = head.strip_prefix(&header(&build))?;
    if u64::from_str_radix(sum, 16).ok()? != checksum(body) {
        return None;
    }
    // Checked as UTF-8 once, not string by string as from_slice does.
    let rows: Vec<OwnedRow> = serde_json::from_str(std::str::from_utf8(body).ok()?).ok()?;
    let held = rows.len();
    let specs = rows.into_iter().map(|r| (r.file, (r.stamp, r.spec))).collect();
    Some(ParseCache { specs, held })
}

/// 64 bits over 8-byte words: each step is one-to-one in the word and in
/// the state, so any change to one word (and any change of length) changes
/// the sum. Damage, not tampering, is what it is for.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w.try_into().expect("8 bytes"))).wrapping_mul(K);
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    (h.rotate_left(23) ^ u64::from_le_bytes(last)).wrapping_mul(K)
}

/// Writes `bytes` to a new file beside `path`, then renames it over
/// `path`: a reader finds the old cache or the new one, never part of one.
/// No sync: a file a crash leaves short fails its checksum.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or("cache".into(), |n| n.to_string_lossy().into_owned());
    let temp: PathBuf = path.with_file_name(format!("{name}.{}.tmp", std::process::id()));
    let mut opts = std::fs::OpenOptions::new();
    // A new file, never one found there (which could be a link).
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut file = match opts.open(&temp) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            // Left by a killed nook of the same process id.
            std::fs::remove_file(&temp)?;
            opts.open(&temp)?
        }
        other => other?,
    };
    let written = file.write_all(bytes).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests;
