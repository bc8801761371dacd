//! App data through the apps folder's git remote. Each device appends its
//! operations to files only it writes, `.nook/data/<device>/<yyyy-mm>.ops`
//! (one JSON operation per line, or one sealed record per line with a sync
//! secret), so git never meets a conflict in data: every merge is a union of
//! files. The spec scan skips the hidden folder. A sync imports what is new
//! in the other devices' files (each read from where the last import
//! stopped), then appends this device's new operations.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::error::SyncError;
use super::git::Git;
use super::seal::{self, Key};
use crate::model::Now;
use crate::model::count::count;
use crate::spec::Spec;
use crate::store::Store;
use crate::store::intent::SyncOp;

/// The data folder inside the apps folder.
pub fn folder(apps: &Path) -> PathBuf {
    apps.join(".nook").join("data")
}

/// What one exchange did, for the sync's sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exchanged {
    pub received: usize,
    pub sent: usize,
    /// Lines that could not be read, with where they are.
    pub skipped: Vec<String>,
    pub parked: usize,
}

impl Exchanged {
    pub fn words(&self) -> Vec<String> {
        let mut out = Vec::new();
        let ops = |n: usize| count(n, "change");
        if self.received > 0 {
            out.push(format!("received {} of app data", ops(self.received)));
        }
        if self.sent > 0 {
            out.push(format!("sent {} of app data", ops(self.sent)));
        }
        if self.parked > 0 {
            out.push(format!(
                "kept {} for apps this machine has no spec of yet",
                ops(self.parked)
            ));
        }
        for s in &self.skipped {
            out.push(format!("skipped {s}"));
        }
        out
    }
}

/// What the data side of a sync needs.
pub struct Side<'a> {
    pub store: &'a Store,
    pub specs: &'a dyn Fn() -> Vec<Spec>,
    pub secret: Option<seal::Secret>,
    pub now: Now,
}

/// The data side of a sync for this home, or None when config.ron keeps
/// data on the machine. A secret that cannot be read stops the sync.
pub fn side<'a>(
    home: &crate::paths::Home,
    config: &crate::config::Config,
    store: &'a Store,
    specs: &'a dyn Fn() -> Vec<Spec>,
) -> Result<Option<Side<'a>>, SyncError> {
    if !config.sync.data {
        return Ok(None);
    }
    let secret = seal::secret(home, config)?;
    let now = Now::system()?;
    Ok(Some(Side {
        store,
        specs,
        secret,
        now,
    }))
}

/// The specs of the apps folder as it is after a pull.
pub fn specs_in(home: &crate::paths::Home) -> Vec<Spec> {
    crate::spec::catalog::Catalog::of_home(home)
        .map(|c| c.specs().cloned().collect())
        .unwrap_or_default()
}

/// A device id as nook makes them: 16 hex digits. Anything else in the
/// data folder is not read (it may have come through sync from anyone).
fn is_device(name: &str) -> bool {
    name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `yyyy-mm.ops`, or `yyyy-mm.c.ops` once the month is compacted.
pub(super) fn is_segment(name: &str) -> bool {
    let b = name.as_bytes();
    (name.len() == 11 || name.len() == 13 && name.ends_with(super::compact::SUFFIX))
        && name.ends_with(".ops")
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
}

pub(super) fn segment_of(ms: i64) -> String {
    let t = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
    format!("{}.ops", t.format("%Y-%m"))
}

/// A plain directory or file: sync may have put a link there.
pub(super) fn plain(path: &Path, dir: bool) -> Result<bool, String> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(format!(
            "{} is a symbolic link; nook reads and writes app data only in plain files inside the apps folder",
            path.display()
        )),
        Ok(m) if dir && !m.is_dir() || !dir && !m.is_file() => Err(format!(
            "{} is not a {}",
            path.display(),
            if dir { "folder" } else { "file" }
        )),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Imports the other devices' new operations, then writes this device's
/// unsent ones and commits them. Nothing is imported or written when the
/// secret does not fit the folder.
pub fn exchange(git: &Git, apps: &Path, side: &Side) -> Result<Exchanged, SyncError> {
    let dir = folder(apps);
    for d in [apps.join(".nook"), dir.clone()] {
        plain(&d, true).map_err(SyncError::Data)?;
    }
    let key = seal::load_or_create(&dir, side.secret.as_ref())?;
    let mut out = Exchanged::default();
    import(&dir, side, key.as_ref(), &mut out).map_err(SyncError::Data)?;
    out.sent = export(&dir, side, key.as_ref()).map_err(SyncError::Data)?;
    let own = dir.join(side.store.device());
    let compacted = super::compact::closed_months(&own, side.store, key.as_ref(), side.now.ms)
        .map_err(SyncError::Data)?;
    if out.sent > 0 || !compacted.is_empty() || dir.join(seal::HEADER).exists() {
        git.run(&["add", "-A", "--", ".nook/data"])?;
        if !git.ok(&["diff", "--cached", "--quiet"])? {
            let mut message = format!(
                "App data: {} from device {}",
                count(out.sent, "change"),
                side.store.device()
            );
            if !compacted.is_empty() {
                let months: Vec<&str> = compacted.iter().map(|c| c.month.as_str()).collect();
                message.push_str(&format!("; compacted {}", months.join(", ")));
            }
            git.run(&["commit", "-q", "-m", &message])?;
        }
    }
    Ok(out)
}

fn import(dir: &Path, side: &Side, key: Option<&Key>, out: &mut Exchanged) -> Result<(), String> {
    let own = side.store.device();
    let Ok(devices) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut names: Vec<String> = devices
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_device(n) && n != own)
        .collect();
    names.sort();
    let mut ops = Vec::new();
    let mut upto = Vec::new();
    for device in names {
        let ddir = dir.join(&device);
        if !plain(&ddir, true)? {
            continue;
        }
        let mut files: Vec<String> = std::fs::read_dir(&ddir)
            .map_err(|e| format!("{}: {e}", ddir.display()))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| is_segment(n))
            .collect();
        files.sort();
        for name in files {
            let path = ddir.join(&name);
            if !plain(&path, false)? {
                continue;
            }
            let label = format!("{device}/{name}");
            let from = side.store.read_upto(&label).map_err(|e| e.to_string())?;
            let (lines, end) = new_lines(&path, from)?;
            if end == from {
                continue;
            }
            // Where a bad line is: counted only when one is found, so a
            // sync does not read every file it imports from twice.
            let place = |i: usize| -> Result<String, String> {
                Ok(format!(".nook/data/{label}:{}", line_number(&path, from)? + i))
            };
            for (i, line) in lines.iter().enumerate() {
                match read_op(line, key, &device) {
                    Ok(op) => ops.push(op),
                    // A machine with the right key cannot open it: refuse
                    // the whole import rather than skip what may be tampered.
                    Err(Bad::Sealed(e)) => return Err(e.at(place(i)?).to_string()),
                    Err(Bad::Line(why)) => out.skipped.push(format!("{}: {why}", place(i)?)),
                }
            }
            upto.push((label, end));
        }
    }
    if ops.is_empty() && upto.is_empty() {
        return Ok(());
    }
    let specs = (side.specs)();
    let refs: Vec<&Spec> = specs.iter().collect();
    let done = side
        .store
        .import(&refs, ops, &upto, side.now)
        .map_err(|e| e.to_string())?;
    out.received = done.read;
    out.parked = done.parked;
    Ok(())
}

enum Bad {
    Sealed(seal::SealError),
    Line(String),
}

fn read_op(line: &str, key: Option<&Key>, device: &str) -> Result<SyncOp, Bad> {
    let bytes = match key {
        Some(k) => seal::open(k, line).map_err(Bad::Sealed)?,
        None if line.starts_with(seal::PREFIX) => {
            return Err(Bad::Sealed(seal::SealError::NoSecret));
        }
        None => line.as_bytes().to_vec(),
    };
    let op: SyncOp = serde_json::from_slice(&bytes)
        .map_err(|e| Bad::Line(format!("not an operation nook reads ({e})")))?;
    if op.at.device != device {
        return Err(Bad::Line(format!(
            "an operation of device {} in the file of device {device}",
            op.at.device
        )));
    }
    if let Some(why) = op.intent.refused() {
        return Err(Bad::Line(why));
    }
    Ok(op)
}

/// The complete lines of `path` after byte `from`, and the byte after the
/// last of them (a line still being written is left for the next sync).
fn new_lines(path: &Path, from: u64) -> Result<(Vec<String>, u64), String> {
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut f = std::fs::File::open(path).map_err(fail)?;
    let len = f.metadata().map_err(fail)?.len();
    if len < from {
        return Err(format!(
            "{} is shorter than when it was last read; data files only grow, so it was changed by hand",
            path.display()
        ));
    }
    f.seek(SeekFrom::Start(from)).map_err(fail)?;
    let mut buf = Vec::new();
    f.read_to_end(&mut buf).map_err(fail)?;
    let complete = buf.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let text = String::from_utf8_lossy(&buf[..complete]);
    let lines = text.lines().map(str::to_string).collect();
    Ok((lines, from + complete as u64))
}

/// The 1-based number of the line that starts at byte `at`.
fn line_number(path: &Path, at: u64) -> Result<usize, String> {
    if at == 0 {
        return Ok(1);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let head = &bytes[..(at as usize).min(bytes.len())];
    Ok(head.iter().filter(|&&b| b == b'\n').count() + 1)
}

/// Appends this device's unsent operations to its month files, makes them
/// durable, then notes them sent. A crash in between sends them again,
/// which changes nothing: merging an operation twice is merging it once.
fn export(dir: &Path, side: &Side, key: Option<&Key>) -> Result<usize, String> {
    let own = dir.join(side.store.device());
    let mut sent = 0;
    loop {
        let ops = side.store.unsent(10_000).map_err(|e| e.to_string())?;
        let Some(last) = ops.last().map(|o| o.at.clone()) else {
            return Ok(sent);
        };
        std::fs::create_dir_all(&own).map_err(|e| format!("{}: {e}", own.display()))?;
        plain(&own, true)?;
        let mut by_file: Vec<(String, String)> = Vec::new();
        for op in &ops {
            let json = serde_json::to_string(op).map_err(|e| e.to_string())?;
            let line = match key {
                Some(k) => seal::seal(k, json.as_bytes()),
                None => json,
            };
            let file = segment_of(op.at.ms);
            match by_file.last_mut() {
                Some((f, text)) if *f == file => {
                    text.push_str(&line);
                    text.push('\n');
                }
                _ => by_file.push((file, format!("{line}\n"))),
            }
        }
        for (file, text) in by_file {
            let path = super::compact::append_target(&own, &file);
            if plain(&path, false).is_err() {
                return Err(format!(
                    "{} is not a plain file; nook will not write app data through it",
                    path.display()
                ));
            }
            let fail = |e: std::io::Error| format!("{}: {e}", path.display());
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .read(true)
                .append(true)
                .open(&path)
                .map_err(fail)?;
            cut_partial_line(&mut f).map_err(fail)?;
            f.write_all(text.as_bytes()).map_err(fail)?;
            f.sync_all().map_err(fail)?;
        }
        side.store.mark_sent(&last).map_err(|e| e.to_string())?;
        sent += ops.len();
    }
}

/// Takes off a last line a crash cut short (no newline yet): readers
/// never took it, it was never noted sent, so it is written again whole
/// after this, instead of running into the next line and spoiling it.
fn cut_partial_line(f: &mut std::fs::File) -> std::io::Result<()> {
    let len = f.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    let mut last = [0u8; 1];
    f.seek(SeekFrom::Start(len - 1))?;
    f.read_exact(&mut last)?;
    if last[0] == b'\n' {
        return Ok(());
    }
    // Find the end of the last whole line, a block at a time from the end.
    let mut end = len;
    let mut keep = 0;
    let mut block = vec![0u8; 4096];
    while end > 0 {
        let start = end.saturating_sub(block.len() as u64);
        let n = (end - start) as usize;
        f.seek(SeekFrom::Start(start))?;
        f.read_exact(&mut block[..n])?;
        if let Some(p) = block[..n].iter().rposition(|&b| b == b'\n') {
            keep = start + p as u64 + 1;
            break;
        }
        end = start;
    }
    f.set_len(keep)?;
    f.sync_all()
}

/// What `nook sync --status` says about app data.
pub fn status_line(apps: &Path, store: Option<&Store>, on: bool, sealed_secret: bool) -> String {
    if !on {
        return "App data: stays on this machine (sync: (data: false) in config.ron)".into();
    }
    let unsent = store.and_then(|s| s.unsent_count().ok()).unwrap_or(0);
    let sealed = folder(apps).join(seal::HEADER).exists();
    let how = match (sealed, sealed_secret) {
        (true, _) => "sealed with the sync secret: the remote sees only ciphertext",
        (false, true) => "will be sealed with the sync secret on the next sync",
        (false, false) => "as plain JSON lines (set NOOK_SYNC_SECRET to seal them)",
    };
    format!(
        "App data: goes to the remote in .nook/data, {how}; {} not sent yet",
        count(unsent, "change")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_a_crash_cut_short_is_taken_off_before_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-12.ops");
        for (was, is) in [
            ("{\"a\":1}\n{\"b\":2}\n{\"c\"", "{\"a\":1}\n{\"b\":2}\n"),
            ("{\"a\":1}\n", "{\"a\":1}\n"),
            ("{\"cut", ""),
            ("", ""),
        ] {
            std::fs::write(&path, was).unwrap();
            let mut f = std::fs::OpenOptions::new()
                .read(true)
                .append(true)
                .open(&path)
                .unwrap();
            cut_partial_line(&mut f).unwrap();
            f.write_all(b"{\"d\":4}\n").unwrap();
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                format!("{is}{{\"d\":4}}\n")
            );
        }
        // A long file: the last newline is found blocks back from the end.
        let long = format!("{}\n{}", "x".repeat(10_000), "y".repeat(9_000));
        std::fs::write(&path, &long).unwrap();
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .append(true)
            .open(&path)
            .unwrap();
        cut_partial_line(&mut f).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 10_001);
    }
}
